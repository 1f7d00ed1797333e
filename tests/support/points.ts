import { api, newKey, signIn } from './api.js';

/** Credits `grams` of cardboard (10 points a kg) to a resident through the operator's real flow. */
export async function earn(
  token: string,
  grams: number,
  community = 'chunhui',
  operator = 'operator-liu',
  stationId = 'chunhui-center',
) {
  const params = { communityId: community };
  const { code } = await api('GET /v1/communities/{communityId}/points/me/code', { token, params });
  return api('POST /v1/communities/{communityId}/points/credits', {
    token: await signIn(operator),
    params,
    idempotencyKey: newKey(),
    body: { memberCode: code, stationId, lines: [{ material: 'cardboard', grams }] },
  });
}

export async function stockOf(
  token: string,
  rewardId: string,
  stationId: string,
  community = 'chunhui',
): Promise<number> {
  const { items } = await api('GET /v1/communities/{communityId}/rewards', {
    token,
    params: { communityId: community },
  });
  const stock = items.find((r) => r.rewardId === rewardId)?.stock.find((s) => s.stationId === stationId);
  if (!stock) throw new Error(`no stock of ${rewardId} at ${stationId}`);
  return stock.quantity;
}
