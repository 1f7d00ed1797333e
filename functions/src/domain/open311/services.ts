import { REPAIR_LABELS, URGENCY_LABELS } from '@linli/shared';
import type { Open311Deps } from './deps.js';
import { jurisdiction } from './jurisdiction.js';

/** The community's enabled report categories as Open311 services, grouped by urgency. */
export async function open311Services(deps: Pick<Open311Deps, 'communities'>, jurisdictionId: string) {
  const community = await jurisdiction(deps, jurisdictionId);
  return community.settings.feedback.categories
    .filter((c) => c.enabled)
    .map((c) => ({
      service_code: c.category,
      service_name: c.label,
      description: `${c.label}（${URGENCY_LABELS[c.urgency]}${c.repair ? `，${REPAIR_LABELS[c.repair]}` : ''}）`,
      metadata: false as const,
      type: 'realtime' as const,
      keywords: c.label,
      group: URGENCY_LABELS[c.urgency],
    }));
}
