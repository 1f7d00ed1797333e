import { CheckChips, toggled } from '@/components/check-chips';

interface CommunityChecksProps {
  communities: readonly { communityId: string; name: string }[];
  chosen: readonly string[];
  onChosen: (ids: string[]) => void;
}

/** Several communities ticked among a street's. */
export function CommunityChecks({ communities, chosen, onChosen }: CommunityChecksProps) {
  return (
    <CheckChips
      className="community-checks"
      choices={communities.map((c) => ({ value: c.communityId, label: c.name }))}
      chosen={chosen}
      onToggle={(id, on) => onChosen(toggled(chosen, id, on))}
    />
  );
}
