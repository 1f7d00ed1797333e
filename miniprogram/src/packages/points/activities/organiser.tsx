import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { CodeText, PointsQr } from '@/components/points-qr';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { type ApiError, toApiError } from '@/services/api';
import { type Activity, type CheckinCodeBody, pointsApi } from '@/services/points';
import './organiser.scss';

interface Run {
  communityId: string;
  activityId: string;
  /** Run through a unit's door (单位工作台) instead of the community's: a unit's volunteer post. */
  unitId?: string;
}

/** The organiser's rotating check-in code while the activity runs, fetched again when it asks to be. */
function CheckinCode({ communityId, activityId, unitId }: Run) {
  const [code, setCode] = useState<CheckinCodeBody>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const load = async () => {
      try {
        const next = await pointsApi.checkinCode(communityId, activityId, unitId);
        if (stopped) return;
        setCode(next);
        setError(undefined);
        timer = setTimeout(load, next.refreshAfterSeconds * 1000);
      } catch (e) {
        if (!stopped) setError(toApiError(e));
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [communityId, activityId, unitId]);
  if (!code) return <FieldError message={error?.message} />;
  return (
    <View>
      <PointsQr value={code.code} label="签到码" />
      <Text className="para">请参加的居民用“志愿活动”里的签到扫这个码，码会自动刷新。</Text>
      <CodeText value={code.code} />
    </View>
  );
}

/**
 * For the organiser (an admin, or a member of the posting unit when `unitId` is given): the check-in code, who came,
 * and confirming attendance for points.
 */
export function OrganiserTools({
  communityId,
  activity,
  unitId,
}: {
  communityId: string;
  activity: Activity;
  unitId?: string;
}) {
  const signups = useAsync(`${unitId ?? ''}/${communityId}/${activity.activityId}`, () =>
    pointsApi.signups(communityId, activity.activityId, unitId),
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [said, setSaid] = useState<string>();
  const confirmation = useWrite(async (userIds: string[]) => {
    const result = await pointsApi.confirmAttendance(communityId, activity.activityId, userIds, unitId);
    setSaid(`已确认 ${result.items.length} 人，本次记分 ${result.creditedNow} 人`);
    setPicked([]);
    await signups.reload();
  });
  const { busy, error } = confirmation;
  return (
    <>
      {activity.phase === 'ongoing' && (
        <Section title="签到码" note="活动进行中时出示">
          <CheckinCode communityId={communityId} activityId={activity.activityId} unitId={unitId} />
        </Section>
      )}
      <Section title="报名和签到" note="勾选实际参加的居民，确认后给每人记志愿积分（每人每个活动一次）">
        {!signups.data ? (
          <LoadState loading={signups.loading} error={signups.error} onRetry={signups.reload} />
        ) : signups.data.items.length === 0 ? (
          <Text className="para">还没有人报名。</Text>
        ) : (
          signups.data.items.map((s) => {
            const chosen = picked.includes(s.userId);
            const done = s.attendedAt !== null;
            return (
              <View
                key={s.userId}
                className={`signup ${chosen ? 'signup--chosen' : ''}`}
                aria-role="checkbox"
                aria-checked={chosen}
                onClick={() =>
                  !done && setPicked((p) => (chosen ? p.filter((id) => id !== s.userId) : [...p, s.userId]))
                }
              >
                <Text className="signup__name">
                  {done ? '✓ ' : chosen ? '☑ ' : '☐ '}
                  {s.name}
                </Text>
                <Text className="signup__state">
                  {done
                    ? `已记 ${s.creditedPoints ?? 0} 分`
                    : s.checkedInAt
                      ? `已签到 ${formatDateTime(s.checkedInAt)}`
                      : '已报名，未签到'}
                </Text>
              </View>
            );
          })
        )}
        <FieldError message={error?.message} />
        {said && <Text className="para">{said}</Text>}
        <Button
          block
          type="primary"
          size="large"
          loading={busy}
          disabled={busy || picked.length === 0}
          onClick={() => confirmation.run(picked)}
        >
          确认参加并记积分
        </Button>
      </Section>
    </>
  );
}
