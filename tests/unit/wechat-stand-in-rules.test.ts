import { describe, expect, it } from 'vitest';
import {
  findInvalidSubscribeData,
  findInvalidSubscribeField,
  imageDimensions,
  isDateTimeValue,
  isSupportedAudio,
  isValidScene,
  standInOpenid,
  standInOriginalId,
} from '../../infra/local/wechat-stand-in.js';
import { bmp, gif, jpeg, mp3, png, webp, webpExtended, webpLossless } from './wechat-test-images.js';

describe('The WeChat stand-in checks subscription message fields like WeChat', () => {
  it('accepts a thing of 20 characters and refuses one of 21', () => {
    // Prepare
    const twenty = '楼'.repeat(20);

    // Act
    const accepted = findInvalidSubscribeField({ thing1: { value: twenty } });
    const refused = findInvalidSubscribeField({ thing1: { value: `${twenty}道` } });

    // Assess
    expect(accepted).toBeNull();
    expect(refused).toBe('data.thing1.value');
  });

  it('wants a phrase of at most five Chinese characters', () => {
    expect(findInvalidSubscribeField({ phrase2: { value: '已受理' } })).toBeNull();
    expect(findInvalidSubscribeField({ phrase2: { value: '正在加紧处理中' } })).toBe('data.phrase2.value');
    expect(findInvalidSubscribeField({ phrase2: { value: 'done' } })).toBe('data.phrase2.value');
  });

  it('limits character_string, number, name and short_thing by their own lengths', () => {
    expect(findInvalidSubscribeField({ character_string3: { value: 'A'.repeat(32) } })).toBeNull();
    expect(findInvalidSubscribeField({ character_string3: { value: 'A'.repeat(33) } })).toBe(
      'data.character_string3.value',
    );
    expect(findInvalidSubscribeField({ number4: { value: '12345' } })).toBeNull();
    expect(findInvalidSubscribeField({ number4: { value: '12a' } })).toBe('data.number4.value');
    expect(findInvalidSubscribeField({ name5: { value: '王小明' } })).toBeNull();
    expect(findInvalidSubscribeField({ name5: { value: '王'.repeat(11) } })).toBe('data.name5.value');
    expect(findInvalidSubscribeField({ short_thing6: { value: '五个字以上' } })).toBeNull();
    expect(findInvalidSubscribeField({ short_thing6: { value: '超过五个字了' } })).toBe('data.short_thing6.value');
  });

  it('wants time and date fields to hold a date or time', () => {
    expect(isDateTimeValue('2025-05-01 10:00')).toBe(true);
    expect(isDateTimeValue('2025年5月1日 10:00')).toBe(true);
    expect(isDateTimeValue('2025-05-01T02:00:00.000Z')).toBe(true);
    expect(isDateTimeValue('明天上午')).toBe(false);
    expect(findInvalidSubscribeField({ time7: { value: 'soon' } })).toBe('data.time7.value');
  });

  it('refuses an empty value, a missing value and a key of no known type', () => {
    expect(findInvalidSubscribeField({ thing1: { value: '' } })).toBe('data.thing1.value');
    expect(findInvalidSubscribeField({ thing1: 'bare string' })).toBe('data.thing1.value');
    expect(findInvalidSubscribeField({ remark1: { value: 'x' } })).toBe('data.remark1.value');
    expect(findInvalidSubscribeField({})).toBe('data');
  });
});

describe('The WeChat stand-in checks mini-program code scenes like WeChat', () => {
  it('accepts 1–32 visible characters from the allowed set only', () => {
    expect(isValidScene('c=fengqiao&b=3')).toBe(true);
    expect(isValidScene('x'.repeat(32))).toBe(true);
    expect(isValidScene('x'.repeat(33))).toBe(false);
    expect(isValidScene('')).toBe(false);
    expect(isValidScene('有中文')).toBe(false);
    expect(isValidScene('with space')).toBe(false);
    expect(isValidScene(42)).toBe(false);
  });
});

describe('The WeChat stand-in gives each person one openid', () => {
  it('derives the openid from the part of the code before the first dot', () => {
    // Act
    const first = standInOpenid('wxapp', 'wang.1');
    const second = standInOpenid('wxapp', 'wang.2');
    const someoneElse = standInOpenid('wxapp', 'li.1');
    const otherApp = standInOpenid('wxother', 'wang.1');

    // Assess
    expect(first).toBe(second);
    expect(first).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(someoneElse).not.toBe(first);
    expect(otherApp).not.toBe(first);
  });
});

describe('The WeChat stand-in holds a message to its template like WeChat', () => {
  const keys = ['thing1', 'phrase2', 'time3'];
  const value = (v: string) => ({ value: v });

  it('accepts exactly the template’s keys with valid values', () => {
    const data = { thing1: value('楼道灯坏了'), phrase2: value('已受理'), time3: value('2025-05-01 10:00') };
    expect(findInvalidSubscribeData(data, keys)).toBeNull();
  });

  it('refuses a missing key, an extra key and a bad value', () => {
    expect(findInvalidSubscribeData({ thing1: value('灯'), phrase2: value('已受理') }, keys)).toBe('data.time3.value');
    expect(
      findInvalidSubscribeData(
        { thing1: value('灯'), phrase2: value('已受理'), time3: value('10:00'), thing4: value('多余') },
        keys,
      ),
    ).toBe('data.thing4');
    expect(
      findInvalidSubscribeData({ thing1: value('灯'), phrase2: value('processing'), time3: value('10:00') }, keys),
    ).toBe('data.phrase2.value');
    expect(findInvalidSubscribeData('not an object', keys)).toBe('data');
  });
});

describe('The WeChat stand-in reads image sizes from their headers', () => {
  it('reads PNG, JPEG, GIF and BMP sizes', () => {
    expect(imageDimensions(png(750, 1334))).toEqual({ format: 'png', width: 750, height: 1334 });
    expect(imageDimensions(jpeg(640, 1335))).toEqual({ format: 'jpeg', width: 640, height: 1335 });
    expect(imageDimensions(gif(320, 200))).toEqual({ format: 'gif', width: 320, height: 200 });
    expect(imageDimensions(bmp(800, 600))).toEqual({ format: 'bmp', width: 800, height: 600 });
  });

  it('reads the three kinds of WebP', () => {
    expect(imageDimensions(webp(751, 100))).toEqual({ format: 'webp', width: 751, height: 100 });
    expect(imageDimensions(webpLossless(16, 9))).toEqual({ format: 'webp', width: 16, height: 9 });
    expect(imageDimensions(webpExtended(4000, 3000))).toEqual({ format: 'webp', width: 4000, height: 3000 });
  });

  it('finds a JPEG frame header behind fill bytes and other segments', () => {
    // Prepare: 0xFF fill bytes before the frame marker, as some encoders write them
    const plain = jpeg(300, 200);
    const filled = Buffer.concat([plain.subarray(0, 20), Buffer.from([0xff, 0xff]), plain.subarray(20)]);

    // Act
    const size = imageDimensions(filled);

    // Assess
    expect(size).toEqual({ format: 'jpeg', width: 300, height: 200 });
  });

  it('reads nothing from bytes that are no image', () => {
    expect(imageDimensions(Buffer.from('\xff\xd8 ordinary photo'))).toBeNull();
    expect(imageDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0]))).toBeNull();
    expect(imageDimensions(Buffer.alloc(0))).toBeNull();
  });

  it('tells the documented audio formats from other bytes', () => {
    expect(isSupportedAudio(mp3())).toBe(true);
    expect(isSupportedAudio(Buffer.from('fLaC\0\0\0\x22', 'latin1'))).toBe(true);
    expect(isSupportedAudio(Buffer.from('OggS\0\x02', 'latin1'))).toBe(true);
    expect(isSupportedAudio(png(1, 1))).toBe(false);
  });
});

describe('The WeChat stand-in names the app in pushes', () => {
  it('gives each app a stable gh_ original id', () => {
    expect(standInOriginalId('wxapp')).toMatch(/^gh_[0-9a-f]{12}$/);
    expect(standInOriginalId('wxapp')).toBe(standInOriginalId('wxapp'));
    expect(standInOriginalId('wxother')).not.toBe(standInOriginalId('wxapp'));
  });
});
