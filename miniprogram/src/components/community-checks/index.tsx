import { Checkbox } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';

interface CommunityChecksProps {
  communities: readonly { communityId: string; name: string }[];
  chosen: readonly string[];
  onChosen: (ids: string[]) => void;
}

/** Several communities ticked among a street's, as big chips marked in words (✓) as well as colour. */
export function CommunityChecks({ communities, chosen, onChosen }: CommunityChecksProps) {
  return (
    <View className="chips community-checks" aria-role="group">
      {communities.map((c) => {
        const on = chosen.includes(c.communityId);
        return (
          <Checkbox
            key={c.communityId}
            shape="button"
            className={`chip${on ? ' chip--chosen' : ''}`}
            checked={on}
            onChange={(checked) =>
              onChosen(checked ? [...chosen, c.communityId] : chosen.filter((id) => id !== c.communityId))
            }
          >
            <Text className="chip__label">{`${on ? '✓ ' : ''}${c.name}`}</Text>
          </Checkbox>
        );
      })}
    </View>
  );
}
