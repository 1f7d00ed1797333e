import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { ACTIVITY_FIELDS, ActivityFields, draftBody, newActivityDraft } from '@/components/activity-fields';
import { ChoiceChips } from '@/components/choice-chips';
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

const FIELDS = [...ACTIVITY_FIELDS, 'organiserId'] as const;

/** Publish a volunteer activity run by one of the community's staff. */
function NewActivity({ communityId }: { communityId: string }) {
  const staff = useAsync(communityId, () => api.staff(communityId));
  const [draft, setDraft] = useState(newActivityDraft);
  const [organiserId, setOrganiserId] = useState<string>();
  const publishing = useWrite(async (body: ActivityInput, key: string) => {
    const activity = await pointsApi.createActivity(communityId, body, key);
    go(withQuery(POINTS_PAGES.activities, { communityId, activityId: activity.activityId }));
  });
  const errors = publishing.errorsFor(FIELDS);
  const publish = () => void publishing.run({ ...draftBody(draft), organiserId: organiserId ?? '' });

  return (
    <Section title="发布志愿活动" note="居民报名、到场签到，组织者确认后每人记志愿积分">
      <ActivityFields draft={draft} onChange={setDraft} errors={errors} />
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
