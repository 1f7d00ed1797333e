import type { Community } from '@linli/shared';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { sceneFromScan } from '@/lib/scene';
import { type LocationDraft, type LocationSource, locationFromScene } from '../lib/location';
import { MapPoint } from './map-point';
import './location-picker.scss';

interface LocationPickerProps {
  community: Community;
  value: LocationDraft;
  onChange: (value: LocationDraft, source?: LocationSource) => void;
  /** How the value was first filled in, said to the person. */
  source: LocationSource;
  error?: string;
}

const SOURCE_NOTE: Record<LocationSource, string> = {
  household: '已按您绑定的房屋填好，如果问题在别处，请改一下',
  scene: '已按您扫描的二维码填好，如果不对，请改一下',
  none: '请选择问题所在的位置',
};

/** Estate → building → unit, one row of big buttons each, an optional pin on the map and a note on the exact spot. */
export function LocationPicker({ community, value, onChange, source, error }: LocationPickerProps) {
  const [scanProblem, setScanProblem] = useState<string>();
  const buildings = community.buildings.filter((b) => b.estateId === value.estateId);
  const building = buildings.find((b) => b.buildingId === value.buildingId);
  const units = building ? Array.from({ length: building.units }, (_, i) => i + 1) : [];

  async function scan() {
    setScanProblem(undefined);
    try {
      // Our printed codes are mini-program codes (`wxCode`), which Taro's types do not list.
      const scanType = ['wxCode', 'qrCode'] as unknown as (keyof Taro.scanCode.ScanType)[];
      const result = await Taro.scanCode({ onlyFromCamera: false, scanType });
      const found = locationFromScene(community, sceneFromScan(result));
      if (found) onChange(found, 'scene');
      else setScanProblem('这个二维码不是本社区的楼栋或服务站码，请直接选择位置');
    } catch {
      // Cancelled: nothing changes.
    }
  }

  return (
    <View className="location-picker">
      <Text className="location-picker__note">{SOURCE_NOTE[source]}</Text>
      {process.env.TARO_ENV === 'weapp' && (
        <Button block fill="outline" className="location-picker__scan" onClick={() => void scan()}>
          扫楼栋或服务站的二维码
        </Button>
      )}
      <FieldError message={scanProblem} />

      {community.estates.length > 1 && (
        <>
          <Text className="location-picker__label">小区</Text>
          <ChoiceChips
            className="location-picker__estates"
            choices={community.estates.map((e) => ({ value: e.estateId, label: e.name }))}
            value={value.estateId ?? undefined}
            onChange={(estateId) => onChange({ ...value, estateId, buildingId: null, unit: null })}
          />
        </>
      )}

      {value.estateId && (
        <>
          <Text className="location-picker__label">楼栋</Text>
          <ChoiceChips
            className="location-picker__buildings"
            columns={3}
            choices={[
              ...buildings.map((b) => ({ value: b.buildingId as string | null, label: b.name })),
              { value: null, label: '不在楼里' },
            ]}
            value={value.buildingId}
            onChange={(buildingId) => onChange({ ...value, buildingId, unit: null })}
          />
        </>
      )}

      {building && (
        <>
          <Text className="location-picker__label">单元</Text>
          <ChoiceChips
            className="location-picker__units"
            columns={3}
            choices={[
              ...units.map((u) => ({ value: u as number | null, label: `${u}单元` })),
              { value: null, label: '整栋楼' },
            ]}
            value={value.unit}
            onChange={(unit) => onChange({ ...value, unit })}
          />
        </>
      )}

      <Text className="location-picker__label">地图位置（选填）</Text>
      <MapPoint value={value.point} onChange={(point) => onChange({ ...value, point })} />

      <Text className="location-picker__label">{`具体位置${value.buildingId || value.point ? '（选填）' : '（未选楼栋或地图位置时必填）'}`}</Text>
      <Input
        className="location-picker__detail"
        value={value.detail}
        onChange={(detail) => onChange({ ...value, detail })}
        placeholder="例如：东门垃圾房旁、3楼楼道"
        maxLength={50}
      />
      <FieldError message={error} />
    </View>
  );
}
