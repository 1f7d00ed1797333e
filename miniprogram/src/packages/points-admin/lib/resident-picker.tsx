import type { Community, Household } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { usePaged } from '@/hooks/use-paged';
import { api } from '@/services/api';

interface ResidentPickerProps {
  community: Community;
  chosen: Household | undefined;
  onChoose: (home: Household | undefined) => void;
  error?: string;
}

/** Finds a resident the way staff think of them: estate, building, then the home by unit and room. */
export function ResidentPicker({ community, chosen, onChoose, error }: ResidentPickerProps) {
  const [estateId, setEstateId] = useState(community.estates[0]?.estateId);
  const [buildingId, setBuildingId] = useState<string>();
  const buildings = community.buildings.filter((b) => b.estateId === estateId);
  const homes = usePaged(buildingId ? `${community.communityId}:${buildingId}` : null, (cursor) =>
    api.homesOfBuilding(community.communityId, buildingId ?? '', cursor),
  );

  if (chosen)
    return (
      <View className="pa-resident">
        <Text className="pa-resident__chosen">{`${chosen.address}　${chosen.applicantName}`}</Text>
        <Button size="small" fill="outline" onClick={() => onChoose(undefined)}>
          换一位
        </Button>
      </View>
    );
  return (
    <View className="pa-resident">
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
        <View className="pa-resident__homes">
          {homes.items.map((home) => (
            <View
              key={home.householdId}
              className="pa-resident__home"
              hoverClass="chip--pressed"
              onClick={() => onChoose(home)}
            >
              <Text>{`${home.unit}单元 ${home.room}　${home.applicantName}`}</Text>
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
