import { attributesOf, NotFoundError, REPAIR_LABELS, URGENCY_LABELS } from '@linli/shared';
import type { CommunityRecord } from '../../data/communities.js';
import type { Open311Deps } from './deps.js';
import { jurisdiction } from './jurisdiction.js';

/** The community's enabled category of that code: an Open311 service (404 otherwise, as the specification says). */
export function serviceOf(community: CommunityRecord, serviceCode: string) {
  const found = community.settings.feedback.categories.find((c) => c.category === serviceCode && c.enabled);
  if (!found) throw new NotFoundError('SERVICE_NOT_FOUND', `该社区没有服务代码 ${serviceCode}`);
  return found;
}

/** The community's enabled report categories as Open311 services, grouped by urgency. */
export async function open311Services(deps: Pick<Open311Deps, 'communities'>, jurisdictionId: string) {
  const community = await jurisdiction(deps, jurisdictionId);
  return community.settings.feedback.categories
    .filter((c) => c.enabled)
    .map((c) => ({
      service_code: c.category,
      service_name: c.label,
      description: `${c.label}（${URGENCY_LABELS[c.urgency]}${c.repair ? `，${REPAIR_LABELS[c.repair]}` : ''}）`,
      // True exactly where the service definition has questions to answer.
      metadata: attributesOf(c.category).length > 0,
      type: 'realtime' as const,
      keywords: c.label,
      group: URGENCY_LABELS[c.urgency],
    }));
}

/** A service's definition: the questions it asks beyond the description (none for most). */
export async function open311ServiceDefinition(
  deps: Pick<Open311Deps, 'communities'>,
  jurisdictionId: string,
  serviceCode: string,
) {
  const service = serviceOf(await jurisdiction(deps, jurisdictionId), serviceCode);
  return {
    service_code: service.category,
    attributes: attributesOf(service.category).map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription,
      order: a.order,
      description: a.description,
      values: a.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}
