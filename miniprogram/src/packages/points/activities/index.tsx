import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { CommunityGate } from '@/components/community-gate';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { CodeInput } from '@/components/points-code-input';
import { POINTS_PAGES } from '@/components/points-nav';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { rolesIn, useMe } from '@/hooks/use-me';
import { usePaged } from '@/hooks/use-paged';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { go, withQuery } from '@/navigation';
import { type Activity, pointsApi } from '@/services/points';
import { OrganiserTools } from './organiser';
import { ActivitySummary } from './summary';

/** One activity: sign up before it starts, check in with the organiser's code while it runs. */
function ActivityDetail({ communityId, activityId }: { communityId: string; activityId: string }) {
  const loaded = useAsync(`${communityId}/${activityId}`, () => pointsApi.activity(communityId, activityId));
  const [activity, setActivity] = useState<Activity>();
  const [code, setCode] = useState('');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const act = useWrite(async (what: 'signUp' | 'cancelSignUp' | 'checkIn') => {
    setConfirmingCancel(false);
    setActivity(
      what === 'checkIn'
        ? await pointsApi.checkIn(communityId, activityId, code)
        : await pointsApi[what](communityId, activityId),
    );
  });
  const me = useMe();
  const a = activity ?? loaded.data;
  if (!a) return <LoadState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />;
  const errors = act.errorsFor(['checkinCode'] as const);
  const busy = act.busy;
  const mine = a.mine;
  const isResident = rolesIn(me.me, communityId).includes('resident');
  const organises = a.organiser.userId === me.me?.user.userId || rolesIn(me.me, communityId).includes('admin');
  return (
    <>
      <Section title={a.title}>
        <ActivitySummary activity={a} />
        {a.description && <Text className="para">{a.description}</Text>}
        {mine?.attendedAt ? (
          <Text className="activity__state">已确认参加，积分已记入</Text>
        ) : mine?.checkedInAt ? (
          <Text className="activity__state">已签到（{formatDateTime(mine.checkedInAt)}），等组织者确认后记积分</Text>
        ) : mine ? (
          <Text className="activity__state">已报名</Text>
        ) : null}
        {!mine && a.phase === 'upcoming' && isResident && (
          <Button
            block
            type="primary"
            size="large"
            loading={busy}
            disabled={busy || a.signedUp >= a.capacity}
            onClick={() => act.run('signUp')}
          >
            {a.signedUp >= a.capacity ? '名额已满' : '我要报名'}
          </Button>
        )}
        {mine && !mine.checkedInAt && !mine.attendedAt && a.phase === 'upcoming' && isResident && (
          <View className="activity__cancel">
            {confirmingCancel ? (
              <>
                <Text className="para">确定取消报名吗？名额会让给其他人，之后还可以再报名（名额未满时）。</Text>
                <Button
                  block
                  type="primary"
                  size="large"
                  loading={busy}
                  disabled={busy}
                  onClick={() => act.run('cancelSignUp')}
                >
                  确定取消报名
                </Button>
                <Button block fill="outline" type="primary" disabled={busy} onClick={() => setConfirmingCancel(false)}>
                  不取消
                </Button>
              </>
            ) : (
              <Button block fill="outline" type="primary" onClick={() => setConfirmingCancel(true)}>
                取消报名
              </Button>
            )}
          </View>
        )}
        {mine && !mine.checkedInAt && a.phase === 'ongoing' && (
          <>
            <CodeInput label="签到码（扫组织者出示的码）" value={code} onChange={setCode} error={errors.checkinCode} />
            <Button
              block
              type="primary"
              size="large"
              loading={busy}
              disabled={busy || !code}
              onClick={() => act.run('checkIn')}
            >
              签到
            </Button>
          </>
        )}
        <FieldError message={errors.general} />
      </Section>
      {organises && <OrganiserTools communityId={communityId} activity={a} />}
    </>
  );
}

function ActivityList({ communityId }: { communityId: string }) {
  const [period, setPeriod] = useState<'upcoming' | 'past'>('upcoming');
  const list = usePaged<Activity>(`${communityId}/${period}`, (cursor) =>
    pointsApi.activities(communityId, period, cursor),
  );
  return (
    <>
      <ChoiceChips
        choices={[
          { value: 'upcoming', label: '即将开始' },
          { value: 'past', label: '已结束' },
        ]}
        value={period}
        onChange={setPeriod}
      />
      {list.items.length === 0 && !list.loading && !list.error && (
        <Section title="暂无活动">
          <Text className="para">社区发布志愿活动后会显示在这里。</Text>
        </Section>
      )}
      {list.items.map((a) => (
        <Section key={a.activityId} title={a.title}>
          <ActivitySummary activity={a} />
          {a.mine && <Text className="activity__state">{a.mine.checkedInAt ? '已签到' : '已报名'}</Text>}
          <Button
            block
            type="primary"
            fill="outline"
            onClick={() => go(withQuery(POINTS_PAGES.activities, { communityId, activityId: a.activityId }))}
          >
            查看和报名
          </Button>
        </Section>
      ))}
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.cursor && !list.loading && (
        <Button block fill="outline" type="primary" onClick={list.more}>
          加载更多
        </Button>
      )}
    </>
  );
}

export default function ActivitiesPage() {
  const { params } = useRouter();
  return (
    <Screen title="志愿活动">
      <CommunityGate reason="登录并绑定房屋后，可以报名志愿活动。">
        {(community) =>
          params.activityId ? (
            <ActivityDetail communityId={community.communityId} activityId={params.activityId} />
          ) : (
            <ActivityList communityId={community.communityId} />
          )
        }
      </CommunityGate>
    </Screen>
  );
}
