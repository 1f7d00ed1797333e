import { View } from '@tarojs/components';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { CommunityChecks } from '@/components/community-checks';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { streetBulletins } from '@/services/street';

type Scope = 'community' | 'communities';
const SCOPES: Choice<Scope>[] = [
  { value: 'community', label: '全部社区' },
  { value: 'communities', label: '指定社区' },
];

interface CommunityPickerProps {
  streetId: string;
  /** `community`: every community of the street; `communities`: the chosen ones. */
  scope: Scope;
  onScope: (scope: Scope) => void;
  chosen: string[];
  onChosen: (ids: string[]) => void;
  error: string | undefined;
}

/** Which of the street's communities a street bulletin goes to: all of them, or the ones ticked. */
export function CommunityPicker({ streetId, scope, onScope, chosen, onChosen, error }: CommunityPickerProps) {
  const audience = useAsync(streetId, () => streetBulletins.audience(streetId));
  return (
    <Section title="发给哪些社区" note="选定社区的居民在“公告”里看到，标着来自本街道">
      <ChoiceChips columns={2} choices={SCOPES} value={scope} onChange={onScope} />
      {scope === 'communities' && audience.data && (
        <View className="editor__audience">
          <CommunityChecks communities={audience.data.communities} chosen={chosen} onChosen={onChosen} />
        </View>
      )}
      {!audience.data && (
        <LoadState loading={audience.loading} error={audience.error} onRetry={() => void audience.reload()} />
      )}
      <FieldError message={error} />
    </Section>
  );
}
