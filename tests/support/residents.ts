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
  await api('POST /v1/communities/{communityId}/households/{householdId}/approve', {
    token: await signIn(admin),
    params: { communityId, householdId: asked.householdId },
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
