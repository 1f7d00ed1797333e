/**
 * Every read route of the table, called as the person it is for, with the
 * DynamoDB round trips it took (the local stack's `x-linli-dynamodb-calls`).
 * Each is called twice and the second counted: a container remembers who the
 * caller is (http/access.ts), as a warm Lambda does.
 */
import { routeList } from '../../functions/src/routes.js';

type Figure = (name: string, value: string | number) => void;

/** Routes that are not data reads: the document, liveness, WeChat's URL check, downloads. */
export const NOT_READS = /^GET \/(openapi\.json|v1\/health|v1\/wechat\/events|open311\/v2\/\{path\+\})$|\.csv$/;
/** Query strings the routes need (required parameters). */
const QUERY: Record<string, string> = {
  'GET /v1/communities/{communityId}/feedback/similar': 'buildingId=chy-b3&category=sanitation',
  'GET /v1/communities/{communityId}/stats/feedback': 'from=2026-01&to=2026-12',
  'GET /v1/communities/{communityId}/stats/points': 'from=2026-01&to=2026-12',
  'GET /v1/communities/{communityId}/points/sort-quality': 'month=2026-12',
  'GET /v1/communities/{communityId}/points/homes': 'buildingId=chy-b1',
  'GET /v1/streets/{streetId}/figures': 'from=2026-01&to=2026-12',
  'GET /open311/v2/requests.json': 'jurisdiction_id=chunhui',
  'GET /open311/v2/requests/{requestFile}': 'jurisdiction_id=chunhui',
  'GET /open311/v2/requests.xml': 'jurisdiction_id=chunhui',
  'GET /open311/v2/services/{serviceFile}': 'jurisdiction_id=chunhui',
  'GET /open311/v2/services.xml': 'jurisdiction_id=chunhui',
  'GET /open311/v2/services.json': 'jurisdiction_id=chunhui',
};
/** Who calls a role-guarded route: the first of these its roles allow. */
const PERSONA_BY_ROLE = [
  ['resident', 'resident-wang'],
  ['admin', 'admin-chunhui'],
  ['station_operator', 'operator-liu'],
  ['grid_worker', 'grid-zhang'],
  ['property_staff', 'property-chen'],
] as const;

export async function roundTripSurvey(apiUrl: string, figure: Figure) {
  const tokens = new Map<string, string>();
  const tokenOf = async (persona: string) => {
    let token = tokens.get(persona);
    if (!token) {
      const res = await fetch(`${apiUrl}/v1/auth/dev`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      token = ((await res.json()) as { token: string }).token;
      tokens.set(persona, token);
    }
    return token;
  };
  const get = async (path: string, persona?: string) => {
    const headers: Record<string, string> = persona ? { authorization: `Bearer ${await tokenOf(persona)}` } : {};
    const res = await fetch(`${apiUrl}${path}`, { headers });
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    const calls = res.headers.get('x-linli-dynamodb-calls') ?? '?';
    // Beside a count above one, which calls they were: what to fold next.
    const commands = calls !== '1' && calls !== '0' ? ` (${res.headers.get('x-linli-dynamodb-commands') ?? '?'})` : '';
    return { status: res.status, calls: `${calls}${commands}`, body };
  };
  const first = async (path: string, persona: string, field: string) => {
    const { body } = await get(path, persona);
    const items = (Array.isArray(body) ? body : (body?.items as unknown[] | undefined)) ?? [];
    return (items[0] as Record<string, string> | undefined)?.[field];
  };

  // Ids to read: from the demo community and what the benchmarks before this one wrote.
  const c = '/v1/communities/chunhui';
  // 马强's unit (长河街道城管中队): its routes are read as him.
  const unit = ((await get('/v1/me', 'unit-ma')).body?.units as { unitId: string }[] | undefined)?.[0];
  const community = (await get(c, 'resident-wang')).body as { stations?: { stationId: string }[] } | null;
  const params: Record<string, string | undefined> = {
    communityId: 'chunhui',
    reportId: await first(`${c}/feedback/mine`, 'resident-wang', 'reportId'),
    bulletinId: await first(`${c}/bulletins/manage`, 'admin-chunhui', 'bulletinId'),
    issueId: await first(`${c}/newsletters`, 'resident-wang', 'issueId'),
    rewardId: await first(`${c}/rewards/all`, 'admin-chunhui', 'rewardId'),
    activityId: await first(`${c}/activities`, 'resident-wang', 'activityId'),
    stationId: community?.stations?.[0]?.stationId,
    requestId: await first('/open311/v2/requests.json?jurisdiction_id=chunhui', 'resident-wang', 'service_request_id'),
    serviceFile: 'leak.json',
    streetId: 'changhe',
    unitId: unit?.unitId,
  };
  params.requestFile = params.requestId && `${params.requestId}.json`;

  for (const { key, path, spec } of routeList('local')) {
    if (!key.startsWith('GET ') || NOT_READS.test(key)) continue;
    const missing = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).filter((name) => !params[name]);
    if (missing.length) {
      figure(`round_trips ${key}`, `not measured (no ${missing.join(', ')} in the demo data)`);
      continue;
    }
    const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] as string));
    const url = QUERY[key] ? `${filled}?${QUERY[key]}` : filled;
    const persona =
      spec.access === 'public'
        ? undefined
        : spec.access === 'user'
          ? 'resident-wang'
          : 'streetRoles' in spec.access
            ? 'street-qian'
            : 'unitRoles' in spec.access
              ? 'unit-ma'
              : PERSONA_BY_ROLE.find(([role]) =>
                  (spec.access as { roles: readonly string[] }).roles.includes(role),
                )?.[1];
    await get(url, persona);
    const { status, calls } = await get(url, persona);
    figure(`round_trips ${key}`, status === 200 ? calls : `answered ${status}`);
  }
}
