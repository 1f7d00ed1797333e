import type { Community } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { LoadState } from '@/components/load-state';
import { usePaged } from '@/hooks/use-paged';
import { pointsApi, type StationHome } from '@/services/points';
import './home-finder.scss';

/** The last resort: the resident found by estate, building, then unit and room (names masked). */
export function HomeFinder({
  community,
  chosen,
  onChoose,
}: {
  community: Community;
  chosen: StationHome | undefined;
  onChoose: (home: StationHome | undefined) => void;
}) {
  const [estateId, setEstateId] = useState(community.estates[0]?.estateId);
  const [buildingId, setBuildingId] = useState<string>();
  const buildings = community.buildings.filter((b) => b.estateId === estateId);
  const homes = usePaged(buildingId ? `${community.communityId}:${buildingId}` : null, (cursor) =>
    pointsApi.homes(community.communityId, buildingId ?? '', cursor),
  );

  if (chosen)
    return (
      <View className="home-finder">
        <Text className="home-finder__chosen">{`${chosen.address}　${chosen.maskedName}`}</Text>
        <Button size="small" fill="outline" onClick={() => onChoose(undefined)}>
          换一户
        </Button>
      </View>
    );
  return (
    <View className="home-finder">
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
        <View className="home-finder__homes">
          {homes.items.map((home) => (
            <View
              key={home.householdId}
              className="home-finder__home"
              hoverClass="chip--pressed"
              onClick={() => onChoose(home)}
            >
              <Text>{`${home.unit}单元 ${home.room}　${home.maskedName}`}</Text>
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
    </View>
  );
}
