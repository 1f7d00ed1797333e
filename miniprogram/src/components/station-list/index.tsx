import type { Community } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import './index.scss';

/** The community's party-mass service stations, where people are served in person. */
export function StationList({ community }: { community: Community }) {
  if (community.stations.length === 0) return <Text className="para">社区暂未登记服务站。</Text>;
  return (
    <View>
      {community.stations.map((station) => (
        <View key={station.stationId} className="station">
          <Text className="station__name">{station.name}</Text>
          <Text className="station__address">{station.address}</Text>
        </View>
      ))}
    </View>
  );
}
