import { shanghaiDate } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { Field, toInt } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { POINTS_PAGES } from '@/components/points-nav';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { go, withQuery } from '@/navigation';
import { api } from '@/services/api';
import { type ActivityInput, pointsApi } from '@/services/points';
import { AdminGate } from '../lib/admin-gate';

const FIELDS = [
  'title',
  'description',
  'date',
  'startTime',
  'endTime',
  'place',
  'points',
  'capacity',
  'organiserId',
] as const;

/** Publish a volunteer activity run by one of the community's staff. */
function NewActivity({ communityId }: { communityId: string }) {
  const staff = useAsync(communityId, () => api.staff(communityId));
  const [form, setForm] = useState({
    title: '',
    description: '',
    date: shanghaiDate(new Date()),
    startTime: '09:00',
    endTime: '11:00',
    place: '',
    points: '20',
    capacity: '20',
  });
  const [organiserId, setOrganiserId] = useState<string>();
  const publishing = useWrite(async (body: ActivityInput, key: string) => {
    const activity = await pointsApi.createActivity(communityId, body, key);
    go(withQuery(POINTS_PAGES.activities, { communityId, activityId: activity.activityId }));
  });
  const errors = publishing.errorsFor(FIELDS);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const publish = () =>
    void publishing.run({
      ...form,
      points: toInt(form.points),
      capacity: toInt(form.capacity),
      organiserId: organiserId ?? '',
    });

  return (
    <Section title="发布志愿活动" note="居民报名、到场签到，组织者确认后每人记志愿积分">
      <Field label="活动名称" value={form.title} onChange={set('title')} error={errors.title} />
      <Field label="活动说明" value={form.description} onChange={set('description')} error={errors.description} />
      <Field label="日期（如 2026-12-06）" value={form.date} onChange={set('date')} error={errors.date} />
      <Field label="开始时间（如 09:00）" value={form.startTime} onChange={set('startTime')} error={errors.startTime} />
      <Field label="结束时间（如 11:00）" value={form.endTime} onChange={set('endTime')} error={errors.endTime} />
      <Field label="地点" value={form.place} onChange={set('place')} error={errors.place} />
      <Field label="每人积分" value={form.points} onChange={set('points')} error={errors.points} type="number" />
      <Field label="名额" value={form.capacity} onChange={set('capacity')} error={errors.capacity} type="number" />
      <Text className="field__label">组织者</Text>
      {staff.data ? (
        <ChoiceChips
          choices={staff.data.map((m) => ({ value: m.userId, label: m.name }))}
          value={organiserId}
          onChange={setOrganiserId}
          columns={2}
        />
      ) : (
        <LoadState loading={staff.loading} error={staff.error} onRetry={staff.reload} />
      )}
      <FieldError message={errors.organiserId} />
      <FieldError message={errors.general} />
      <Button block type="primary" size="large" loading={publishing.busy} disabled={publishing.busy} onClick={publish}>
        发布
      </Button>
    </Section>
  );
}

export default function NewActivityPage() {
  return (
    <Screen title="发布志愿活动">
      <AdminGate>{(community) => <NewActivity communityId={community.communityId} />}</AdminGate>
    </Screen>
  );
}
