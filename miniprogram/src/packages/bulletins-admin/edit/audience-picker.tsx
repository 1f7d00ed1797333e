import type { Community } from '@linli/shared';
import { CheckChips, toggled } from '@/components/check-chips';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Section } from '@/components/section';
import type { AsyncState } from '@/hooks/use-async';
import type { AudienceType } from './use-bulletin-draft';

const AUDIENCE_CHOICES: Choice<AudienceType>[] = [
  { value: 'community', label: '全社区' },
  { value: 'estates', label: '指定小区' },
  { value: 'grids', label: '指定网格' },
];

interface AudienceFieldProps {
  community: AsyncState<Community>;
  type: AudienceType;
  onType: (type: AudienceType) => void;
  /** The estates or grids chosen (for the type that names some). */
  chosen: string[];
  onChosen: (ids: string[]) => void;
  error: string | undefined;
}

/** Who may read the bulletin: the whole community, or the estates or grids chosen. */
export function AudienceField({ community, type, onType, chosen, onChosen, error }: AudienceFieldProps) {
  return (
    <Section title="发给谁看" note="只有范围内的居民能看到这条公告">
      <ChoiceChips columns={3} choices={AUDIENCE_CHOICES} value={type} onChange={onType} />
      {(type === 'estates' || type === 'grids') && community.data && (
        <AudiencePicker community={community.data} type={type} chosen={chosen} onChange={onChosen} />
      )}
      {!community.data && (
        <LoadState loading={community.loading} error={community.error} onRetry={() => void community.reload()} />
      )}
      <FieldError message={error} />
    </Section>
  );
}

function AudiencePicker({
  community,
  type,
  chosen,
  onChange,
}: {
  community: Community;
  type: 'estates' | 'grids';
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const estateName = new Map(community.estates.map((e) => [e.estateId, e.name]));
  const options =
    type === 'estates'
      ? community.estates.map((e) => ({ id: e.estateId, label: e.name }))
      : community.grids.map((g) => ({ id: g.gridId, label: `${g.name}（${estateName.get(g.estateId) ?? ''}）` }));
  return (
    <CheckChips
      className="editor__audience"
      choices={options.map((o) => ({ value: o.id, label: o.label }))}
      chosen={chosen}
      onToggle={(id, on) => onChange(toggled(chosen, id, on))}
    />
  );
}
