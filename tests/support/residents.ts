import { call, newKey, signIn, signInNewWechatUser } from './api.js';

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
  const asked = await call('POST', `/v1/communities/${communityId}/households`, {
    token: person.token,
    idempotencyKey: newKey(),
    body: { estateId, buildingId, unit: 1, room: `${process.pid % 90}${room}`.slice(-6), relation: 'owner' },
  });
  if (asked.status !== 201) throw new Error(`household request failed: ${JSON.stringify(asked.body)}`);
  const approved = await call('POST', `/v1/communities/${communityId}/households/${asked.body.householdId}/approve`, {
    token: await signIn(admin),
  });
  if (approved.status !== 200) throw new Error(`approval failed: ${JSON.stringify(approved.body)}`);
  return person;
}

/** Opens 春晖社区's exchange counter all day, every day, for tests of exchange-day flows. */
export async function openExchangeAllDay(communityId = 'chunhui', admin = 'admin-chunhui') {
  const token = await signIn(admin);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = (await call('GET', `/v1/communities/${communityId}`, { token })).body.settings;
    if (current.exchangeDay.mode === 'daily' && current.exchangeDay.closesAt === '24:00') return;
    const res = await call('PUT', `/v1/communities/${communityId}/settings`, {
      token,
      body: {
        version: current.version,
        exchangeDay: { mode: 'daily', dayOfMonth: 1, opensAt: '00:00', closesAt: '24:00' },
      },
    });
    if (res.status === 200) return;
  }
  throw new Error('could not open the exchange counter');
}
