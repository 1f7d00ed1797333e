import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { LoadState } from '@/components/load-state';
import { Section } from '@/components/section';
import { usePaged } from '@/hooks/use-paged';
import type { Unit } from '@/services/api';
import { type Activity, pointsApi } from '@/services/points';
import { OrganiserTools } from '../../points/activities/organiser';
import { ActivitySummary } from '../../points/activities/summary';
import { UnitPostForm } from './unit-post-form';

/** One of the unit's posts; any member of the unit opens its organiser tools (check-in code, confirm attendance). */
function UnitPost({ unit, activity }: { unit: Unit; activity: Activity }) {
  const [open, setOpen] = useState(false);
  const community = unit.communities.find((c) => c.communityId === activity.communityId)?.name ?? activity.communityId;
  return (
    <>
      <Section title={activity.title} note={community}>
        <ActivitySummary activity={activity} />
        <Button block fill="outline" type="primary" onClick={() => setOpen((o) => !o)}>
          {open ? '收起' : '签到码和确认参加'}
        </Button>
      </Section>
      {open && <OrganiserTools communityId={activity.communityId} activity={activity} unitId={unit.unitId} />}
    </>
  );
}

/** 志愿服务 on 单位工作台: publish a volunteer post, and run the unit's upcoming (or past) ones. */
export function UnitVolunteering({ unit }: { unit: Unit }) {
  const [writing, setWriting] = useState(false);
  // Past ones too: attendance is often confirmed after the post ends (check-in closes an hour later).
  const [period, setPeriod] = useState<'upcoming' | 'past'>('upcoming');
  const posts = usePaged(`unit:${unit.unitId}:activities:${period}`, (cursor) =>
    pointsApi.unitActivities(unit.unitId, period, cursor),
  );
  return (
    <>
      {writing ? (
        <UnitPostForm
          unit={unit}
          onCancel={() => setWriting(false)}
          onPublished={() => {
            setWriting(false);
            setPeriod('upcoming');
            void posts.reload();
          }}
        />
      ) : (
        <Section title="志愿服务" note="本单位发布的志愿岗位">
          <Button block type="primary" size="large" onClick={() => setWriting(true)}>
            发布志愿岗位
          </Button>
          <ChoiceChips
            columns={2}
            choices={[
              { value: 'upcoming', label: '即将开始' },
              { value: 'past', label: '已结束' },
            ]}
            value={period}
            onChange={setPeriod}
          />
          {posts.items.length === 0 && !posts.loading && !posts.error && (
            <Text className="para">
              {period === 'upcoming' ? '还没有即将开始的志愿岗位。' : '还没有已结束的志愿岗位。'}
            </Text>
          )}
        </Section>
      )}
      {posts.items.map((a) => (
        <UnitPost key={a.activityId} unit={unit} activity={a} />
      ))}
      <LoadState loading={posts.loading} error={posts.error} onRetry={posts.reload} />
      {posts.cursor && !posts.loading && (
        <Button block fill="outline" type="primary" onClick={posts.more}>
          加载更多
        </Button>
      )}
    </>
  );
}
