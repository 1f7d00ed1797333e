import { ApiCallError, api, newKey, signIn, signInNewWechatUser } from './api.js';

let room = 100;

/** A brand-new resident (of 春晖社区 unless said): WeChat sign-in, a household request, an admin's approval. */
export async function newResident(
  buildingId = 'chy-b1',
  estateId = 'chunhui-yuan',
  communityId = 'chunhui',
  admin = 'admin-chunhui',
) {
  const person = await signInNewWechatUser();
  room++;
  const asked = await api('POST /v1/communities/{communityId}/households', {
    token: person.token,
    params: { communityId },
    idempotencyKey: newKey(),
    body: { estateId, buildingId, unit: 1, room: `${process.pid % 90}${room}`.slice(-6), relation: 'owner' },
  });
  const approve = api('POST /v1/communities/{communityId}/households/{householdId}/approve', {
    token: await signIn(admin),
    params: { communityId, householdId: asked.householdId },
  });
  await approve.catch(async (error: unknown) => {
    // A lost answer (the load test's injected faults) sent again is told it was already decided: it was, by us.
    if (!(error instanceof ApiCallError && error.status === 409)) throw error;
    const me = await api('GET /v1/me', { token: person.token });
    if (!me.memberships.some((m) => m.communityId === communityId && m.roles.includes('resident'))) throw error;
  });
  return person;
}

/** Opens 春晖社区's exchange counter all day, every day, for tests of exchange-day flows. */
export async function openExchangeAllDay(communityId = 'chunhui', admin = 'admin-chunhui') {
  const token = await signIn(admin);
  const params = { communityId };
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = (await api('GET /v1/communities/{communityId}', { token, params })).settings;
    if (current.exchangeDay.mode === 'daily' && current.exchangeDay.closesAt === '24:00') return;
    try {
      await api('PUT /v1/communities/{communityId}/settings', {
        token,
        params,
        body: {
          version: current.version,
          exchangeDay: { mode: 'daily', dayOfMonth: 1, opensAt: '00:00', closesAt: '24:00' },
        },
      });
      return;
    } catch (error) {
      // Another file changed the settings since they were read: read them again.
      if (!(error instanceof ApiCallError && error.status === 409)) throw error;
    }
  }
  throw new Error('could not open the exchange counter');
}
