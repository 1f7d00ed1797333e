import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { DeskReports } from '@/components/desk-reports';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useAsync } from '@/hooks/use-async';
import { usePaged } from '@/hooks/use-paged';
import { useSession } from '@/hooks/use-session';
import { api } from '@/services/api';
import { TaskReminders } from '../components/task-reminders';
import { UnitVolunteering } from '../components/unit-volunteering';

const TITLE = '单位工作台';
const VIEWS = [
  { value: 'open' as const, label: '待处理' },
  { value: 'done' as const, label: '已办结' },
];

/**
 * 部门报到: what the communities and the street sent to the caller's unit,
 * across the communities it serves, with each deadline; a report opens as the
 * unit works it (on site, resolve with proof, reply); and its volunteer posts (志愿服务).
 */
export default function UnitPage() {
  const { params } = useRouter();
  const session = useSession();
  const unitId = session ? params.unitId : undefined;
  const [view, setView] = useState<'open' | 'done'>('open');
  const unit = useAsync(unitId ? `unit:${unitId}` : null, () => api.unit(unitId ?? ''));
  const list = usePaged(
    unitId ? `unit:${unitId}:${view}` : null,
    (cursor) => api.unitQueue(unitId ?? '', view, cursor),
    {
      reloadOnShow: true,
    },
  );

  if (!session)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录后可以处理派给本单位的反映。" />
      </Screen>
    );
  return (
    <Screen title={TITLE}>
      <Section
        title={unit.data?.name ?? '本单位'}
        note={unit.data ? `${unit.data.kindLabel} · 服务 ${unit.data.communities.map((c) => c.name).join('、')}` : ''}
      >
        <LoadState loading={unit.loading} error={unit.error} onRetry={() => void unit.reload()} />
        <ChoiceChips columns={2} choices={VIEWS} value={view} onChange={setView} />
      </Section>
      <Section title={view === 'open' ? '待处理的反映' : '已办结的反映'} note="按派单时间，新的在前">
        {unitId && (
          <DeskReports
            list={list}
            desk={{ unitId }}
            empty={view === 'open' ? '现在没有待处理的反映。' : '还没有办结的反映。'}
          />
        )}
      </Section>
      <TaskReminders />
      {unit.data && <UnitVolunteering unit={unit.data} />}
    </Screen>
  );
}
