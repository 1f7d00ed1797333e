import { Text, View } from '@tarojs/components';
import type { Activity } from '@/services/points';
import './summary.scss';

function when(a: Activity): string {
  return `${a.date} ${a.startTime}–${a.endTime}`;
}

/** An activity's time, place, points and places, organiser and (a unit's post) the unit that posted it. */
export function ActivitySummary({ activity }: { activity: Activity }) {
  return (
    <View className="activity">
      <Text className="activity__time">
        {when(activity)} · {activity.phaseLabel}
      </Text>
      <Text className="activity__line">地点：{activity.place}</Text>
      <Text className="activity__line">
        服务可得 {activity.points} 分 · 已报名 {activity.signedUp}/{activity.capacity} 人
      </Text>
      <Text className="activity__line">组织者：{activity.organiser.name}</Text>
      {activity.unit && <Text className="activity__line activity__unit">{activity.unit.name} 发布</Text>}
    </View>
  );
}
