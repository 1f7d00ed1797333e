import { call, newKey, signIn } from './api.js';

/** Credits `grams` of cardboard (10 points a kg) to a resident through the operator's real flow. */
export async function earn(
  token: string,
  grams: number,
  community = 'chunhui',
  operator = 'operator-liu',
  stationId = 'chunhui-center',
) {
  const code = await call('GET', `/v1/communities/${community}/points/me/code`, { token });
  const res = await call('POST', `/v1/communities/${community}/points/credits`, {
    token: await signIn(operator),
    idempotencyKey: newKey(),
    body: { memberCode: code.body.code, stationId, lines: [{ material: 'cardboard', grams }] },
  });
  if (res.status !== 201) throw new Error(`credit failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function stockOf(
  token: string,
  rewardId: string,
  stationId: string,
  community = 'chunhui',
): Promise<number> {
  const res = await call('GET', `/v1/communities/${community}/rewards`, { token });
  const reward = res.body.items.find((r: { rewardId: string }) => r.rewardId === rewardId);
  return reward.stock.find((s: { stationId: string }) => s.stationId === stationId).quantity;
}
