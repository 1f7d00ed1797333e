import { describe, expect, it } from 'vitest';
import {
  findInvalidSubscribeField,
  isDateTimeValue,
  isValidScene,
  standInOpenid,
} from '../../infra/local/wechat-stand-in.js';

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
