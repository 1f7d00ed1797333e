import type { GeoPoint } from '@linli/shared';
import { gcj02ToWgs84, roundPoint, wgs84ToGcj02 } from '@linli/shared/rules';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';

interface MapPointProps {
  value: GeoPoint | null;
  onChange: (point: GeoPoint | null) => void;
}

const cancelled = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? error));

/** A coordinate typed in by hand: a number in its range, or what is wrong with it. */
export function readCoordinate(text: string, max: number, name: '纬度' | '经度'): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value))
    return `请填写${name}（数字，例如 ${max === 90 ? '30.27415' : '120.15515'}）`;
  if (Math.abs(value) > max) return `${name}须在 -${max} 到 ${max} 之间`;
  return value;
}

/**
 * An optional point on the map, kept in WGS-84. In WeChat the resident picks it on WeChat's map
 * (chooseLocation answers GCJ-02, converted here); in the browser, from the device's position or
 * typed in, which works offline.
 */
export function MapPoint({ value, onChange }: MapPointProps) {
  const [problem, setProblem] = useState<string>();
  const [typing, setTyping] = useState(false);
  const [lat, setLat] = useState('');
  const [long, setLong] = useState('');

  async function pickOnMap() {
    setProblem(undefined);
    try {
      const shown = value ? wgs84ToGcj02(value) : undefined;
      const picked = await Taro.chooseLocation(shown ? { latitude: shown.lat, longitude: shown.long } : {});
      onChange(roundPoint(gcj02ToWgs84({ lat: picked.latitude, long: picked.longitude })));
    } catch (error) {
      if (!cancelled(error)) setProblem('没能打开地图。可以不标地图，在下面写清具体位置');
    }
  }

  async function here() {
    // The browser's position; in WeChat the map picker above, the one location API app.json declares.
    if (process.env.TARO_ENV === 'weapp') return;
    setProblem(undefined);
    try {
      const at = await Taro.getLocation({ type: 'wgs84' });
      onChange(roundPoint({ lat: at.latitude, long: at.longitude }));
    } catch {
      setProblem('没能取得当前位置（可能未允许定位），可以手动填写坐标');
    }
  }

  function typed() {
    const la = readCoordinate(lat, 90, '纬度');
    const lo = readCoordinate(long, 180, '经度');
    if (typeof la === 'string' || typeof lo === 'string') {
      setProblem([la, lo].filter((m) => typeof m === 'string').join('；'));
      return;
    }
    setProblem(undefined);
    setTyping(false);
    onChange(roundPoint({ lat: la, long: lo }));
  }

  return (
    <View className="map-point">
      {value ? (
        <Text className="map-point__value">{`已标出：纬度 ${value.lat}，经度 ${value.long}`}</Text>
      ) : (
        <Text className="map-point__value">不在楼里的问题（如路灯、道路），标出位置更好找</Text>
      )}
      <View className="map-point__actions">
        {process.env.TARO_ENV === 'weapp' ? (
          <Button fill="outline" onClick={() => void pickOnMap()}>
            {value ? '重新标出' : '在地图上标出'}
          </Button>
        ) : (
          <>
            <Button fill="outline" onClick={() => void here()}>
              使用当前位置
            </Button>
            <Button fill="outline" onClick={() => setTyping(!typing)}>
              手动填写坐标
            </Button>
          </>
        )}
        {value && (
          <Button fill="none" onClick={() => onChange(null)}>
            清除
          </Button>
        )}
      </View>
      {typing && (
        <View className="map-point__typing">
          <Input
            className="map-point__input"
            value={lat}
            onChange={setLat}
            placeholder="纬度，例如 30.27415"
            aria-label="纬度"
          />
          <Input
            className="map-point__input"
            value={long}
            onChange={setLong}
            placeholder="经度，例如 120.15515"
            aria-label="经度"
          />
          <Button type="primary" onClick={typed}>
            确定坐标
          </Button>
        </View>
      )}
      <FieldError message={problem} />
    </View>
  );
}
