import type { Household } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { DecisionHistory } from '@/components/decision-history';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { api } from '@/services/api';
import './recent-decisions.scss';

const SHOWN = 10;

/**
 * The latest decided requests with who approved or refused them, when and why
 * (kept on each request by the server). `version` changes after each decision here.
 */
export function RecentDecisions({ communityId, version }: { communityId: string; version: number }) {
  const decided = useAsync(`${communityId}:${version}`, async () => {
    const [approved, rejected] = await Promise.all([
      api.households(communityId, 'approved'),
      api.households(communityId, 'rejected'),
    ]);
    return [...approved.items, ...rejected.items]
      .filter((h) => h.decisions?.length)
      .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))
      .slice(0, SHOWN);
  });
  const items: Household[] = decided.data ?? [];
  if (items.length === 0) return null;
  return (
    <Section title="最近的审核记录" note="谁通过或退回了哪条申请、什么时候、为什么">
      {items.map((h) => (
        <View key={h.householdId} className="recent-decisions__item">
          <Text className="recent-decisions__address">{`${h.address}（${h.applicantName}）`}</Text>
          <DecisionHistory decisions={h.decisions ?? []} title="" />
        </View>
      ))}
    </Section>
  );
}
