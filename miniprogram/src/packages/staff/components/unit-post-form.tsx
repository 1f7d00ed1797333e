import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { ACTIVITY_FIELDS, ActivityFields, draftBody, newActivityDraft } from '@/components/activity-fields';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import { useWrite } from '@/hooks/use-write';
import type { Unit } from '@/services/api';
import { type Activity, pointsApi, type UnitActivityInput } from '@/services/points';

/** What units most often post (部门报到): a tap fills the title, which can still be changed. */
const QUICK_TITLES = ['治安巡逻', '政策宣传', '环境整治', '助老服务'];
const FIELDS = [...ACTIVITY_FIELDS, 'communityId'] as const;

/** A unit's member publishes a volunteer post in one community of the unit's service area; they organise it. */
export function UnitPostForm({
  unit,
  onPublished,
  onCancel,
}: {
  unit: Unit;
  onPublished: (activity: Activity) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(newActivityDraft);
  const [communityId, setCommunityId] = useState(unit.communities.length === 1 ? unit.communities[0]?.communityId : '');
  const publishing = useWrite(async (body: UnitActivityInput, key: string) => {
    onPublished(await pointsApi.createUnitActivity(unit.unitId, body, key));
  });
  const errors = publishing.errorsFor(FIELDS);
  const quick = QUICK_TITLES.includes(draft.title) ? draft.title : undefined;
  return (
    <Section title="发布志愿岗位" note="在职党员在所住社区报名、到场签到，本单位确认后每人记志愿积分">
      <Text className="field__label">服务社区</Text>
      <ChoiceChips
        choices={unit.communities.map((c) => ({ value: c.communityId, label: c.name }))}
        value={communityId}
        onChange={setCommunityId}
        columns={3}
      />
      <FieldError message={errors.communityId} />
      <Text className="field__label">常用岗位</Text>
      <ChoiceChips
        choices={QUICK_TITLES.map((t) => ({ value: t, label: t }))}
        value={quick}
        onChange={(title) => setDraft((d) => ({ ...d, title }))}
        columns={2}
      />
      <ActivityFields draft={draft} onChange={setDraft} errors={errors} />
      <FieldError message={errors.general} />
      <Button
        block
        type="primary"
        size="large"
        loading={publishing.busy}
        disabled={publishing.busy}
        onClick={() => void publishing.run({ ...draftBody(draft), communityId: communityId ?? '' })}
      >
        发布
      </Button>
      <Button block fill="outline" type="primary" disabled={publishing.busy} onClick={onCancel}>
        取消
      </Button>
    </Section>
  );
}
