import type { Community } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { usePaged } from '@/hooks/use-paged';
import type { Page } from '@/services/api';

interface Home {
  householdId: string;
  unit: number;
  room: string;
  address: string;
}

interface HomePickerProps<H extends Home> {
  community: Community;
  /** One building's homes, a page at a time (the station sees masked names, an admin full ones). */
  load: (buildingId: string, cursor: string | null) => Promise<Page<H>>;
  /** Who lives there, as the caller may show it. */
  nameOf: (home: H) => string;
  chosen: H | undefined;
  onChoose: (home: H | undefined) => void;
  /** The button that undoes the choice (换一户, 换一位). */
  changeLabel: string;
  /** The BEM block of the caller's styles (`home-finder`, `pa-resident`). */
  block: string;
  error?: string;
}

/** A home found the way staff think of it: estate, building, then unit and room. */
export function HomePicker<H extends Home>({
  community,
  load,
  nameOf,
  chosen,
  onChoose,
  changeLabel,
  block,
  error,
}: HomePickerProps<H>) {
  const [estateId, setEstateId] = useState(community.estates[0]?.estateId);
  const [buildingId, setBuildingId] = useState<string>();
  const buildings = community.buildings.filter((b) => b.estateId === estateId);
  const homes = usePaged(buildingId ? `${community.communityId}:${buildingId}` : null, (cursor) =>
    load(buildingId ?? '', cursor),
  );

  if (chosen)
    return (
      <View className={block}>
        <Text className={`${block}__chosen`}>{`${chosen.address}　${nameOf(chosen)}`}</Text>
        <Button size="small" fill="outline" onClick={() => onChoose(undefined)}>
          {changeLabel}
        </Button>
      </View>
    );
  return (
    <View className={block}>
      {community.estates.length > 1 && (
        <ChoiceChips
          choices={community.estates.map((e) => ({ value: e.estateId, label: e.name }))}
          value={estateId}
          onChange={(id) => {
            setEstateId(id);
            setBuildingId(undefined);
          }}
        />
      )}
      <ChoiceChips
        choices={buildings.map((b) => ({ value: b.buildingId, label: b.name }))}
        value={buildingId}
        onChange={setBuildingId}
        columns={3}
      />
      {buildingId && (
        <View className={`${block}__homes`}>
          {homes.items.map((home) => (
            <View
              key={home.householdId}
              className={`${block}__home`}
              hoverClass="chip--pressed"
              onClick={() => onChoose(home)}
            >
              <Text>{`${home.unit}单元 ${home.room}　${nameOf(home)}`}</Text>
            </View>
          ))}
          {!homes.loading && !homes.error && homes.items.length === 0 && (
            <Text className="para">这栋楼还没有已绑定的住户</Text>
          )}
          <LoadState loading={homes.loading} error={homes.error} onRetry={homes.reload} />
          {homes.cursor && (
            <Button block fill="outline" onClick={() => void homes.more()}>
              加载更多
            </Button>
          )}
        </View>
      )}
      <FieldError message={error} />
    </View>
  );
}
