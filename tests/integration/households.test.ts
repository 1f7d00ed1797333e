import { describe, expect, it } from 'vitest';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api.js';

const HOME = { estateId: 'cuizhu-yuan', buildingId: 'czy-b3', unit: 2, room: '601', relation: 'owner' };

describe('binding a household', () => {
  it('goes from request to approval, and the person becomes a resident', async () => {
    // Prepare
    const { token, userId } = await signInNewWechatUser();
    const admin = await signIn('admin-chunhui');
    // Act
    const asked = await call('POST', '/v1/communities/chunhui/households', {
      token,
      idempotencyKey: newKey(),
      body: HOME,
    });
    const queue = await call('GET', '/v1/communities/chunhui/households?status=pending&limit=100', { token: admin });
    const approved = await call('POST', `/v1/communities/chunhui/households/${asked.body.householdId}/approve`, {
      token: admin,
    });
    const me = await call('GET', '/v1/me', { token });
    // Assess
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', address: '翠竹园 3幢 2单元 601室', userId });
    expect(queue.body.items.map((h: { householdId: string }) => h.householdId)).toContain(asked.body.householdId);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'demo-admin-chunhui' });
    expect(me.body.memberships[0]).toMatchObject({ communityId: 'chunhui', roles: ['resident'] });
    expect(me.body.memberships[0].household.status).toBe('approved');
    const stillPending = await call('GET', '/v1/communities/chunhui/households?status=pending&limit=100', {
      token: admin,
    });
    expect(stillPending.body.items.map((h: { householdId: string }) => h.householdId)).not.toContain(
      asked.body.householdId,
    );
  });

  it('lets a rejected applicant ask again, and refuses a second open request', async () => {
    const { token } = await signInNewWechatUser();
    const admin = await signIn('admin-chunhui');
    const first = await call('POST', '/v1/communities/chunhui/households', {
      token,
      idempotencyKey: newKey(),
      body: HOME,
    });
    const duplicate = await call('POST', '/v1/communities/chunhui/households', {
      token,
      idempotencyKey: newKey(),
      body: HOME,
    });
    const rejected = await call('POST', `/v1/communities/chunhui/households/${first.body.householdId}/reject`, {
      token: admin,
      body: { reason: '门牌号与物业登记不符' },
    });
    const again = await call('POST', '/v1/communities/chunhui/households', {
      token,
      idempotencyKey: newKey(),
      body: { ...HOME, room: '602' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('HOUSEHOLD_ALREADY_REQUESTED');
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '门牌号与物业登记不符' });
    expect(again.status).toBe(201);
  });

  it('makes concurrent retries with one Idempotency-Key a single request', async () => {
    const { token } = await signInNewWechatUser();
    const key = newKey();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', '/v1/communities/chunhui/households', { token, idempotencyKey: key, body: HOME }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.body.householdId)).size).toBe(1);
    const me = await call('GET', '/v1/me', { token });
    expect(me.body.households).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key for a different request', async () => {
    const { token } = await signInNewWechatUser();
    const key = newKey();
    await call('POST', '/v1/communities/chunhui/households', { token, idempotencyKey: key, body: HOME });
    const other = await call('POST', '/v1/communities/chunhui/households', {
      token,
      idempotencyKey: key,
      body: { ...HOME, room: '999' },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    [{ ...HOME, room: '' }, 'body.room'],
    [{ ...HOME, room: '<script>' }, 'body.room'],
    [{ ...HOME, unit: 0 }, 'body.unit'],
    [{ ...HOME, unit: 3 }, 'body.unit'],
    [{ ...HOME, buildingId: 'chy-b1' }, 'body.buildingId'],
    [{ ...HOME, estateId: 'jinxiu-huating' }, 'body.estateId'],
    [{ ...HOME, relation: 'landlord' }, 'body.relation'],
  ])('refuses a bad address %#, naming %s, and writes nothing', async (body, field) => {
    const { token } = await signInNewWechatUser();
    const res = await call('POST', '/v1/communities/chunhui/households', { token, idempotencyKey: newKey(), body });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    expect((await call('GET', '/v1/me', { token })).body.households).toEqual([]);
  });

  it('requires an Idempotency-Key', async () => {
    const { token } = await signInNewWechatUser();
    const res = await call('POST', '/v1/communities/chunhui/households', { token, body: HOME });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('headers.idempotency-key');
  });
});

describe('deciding a household request', () => {
  it('refuses to decide twice, and hides another community’s request', async () => {
    const { token } = await signInNewWechatUser();
    const asked = await call('POST', '/v1/communities/chunhui/households', {
      token,
      idempotencyKey: newKey(),
      body: HOME,
    });
    const id = asked.body.householdId;
    const foreign = await call('POST', `/v1/communities/fengqiao/households/${id}/approve`, {
      token: await signIn('admin-fengqiao'),
    });
    const admin = await signIn('admin-chunhui');
    const first = await call('POST', `/v1/communities/chunhui/households/${id}/approve`, { token: admin });
    const second = await call('POST', `/v1/communities/chunhui/households/${id}/reject`, {
      token: admin,
      body: { reason: '重复操作' },
    });
    expect(foreign.status).toBe(404);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('HOUSEHOLD_ALREADY_DECIDED');
  });

  it('pages the queue with a cursor and refuses a cursor from elsewhere', async () => {
    const admin = await signIn('admin-chunhui');
    for (let i = 0; i < 3; i++) {
      const { token } = await signInNewWechatUser();
      await call('POST', '/v1/communities/chunhui/households', {
        token,
        idempotencyKey: newKey(),
        body: { ...HOME, room: `70${i}` },
      });
    }
    const page1 = await call('GET', '/v1/communities/chunhui/households?status=pending&limit=2', { token: admin });
    const page2 = await call(
      'GET',
      `/v1/communities/chunhui/households?status=pending&limit=2&cursor=${page1.body.cursor}`,
      {
        token: admin,
      },
    );
    const fake = Buffer.from(
      JSON.stringify({ gsi1pk: 'COMM#fengqiao#HOUSEHOLDS#pending', pk: 'x', sk: 'y', gsi1sk: 'z' }),
    ).toString('base64url');
    const forged = await call('GET', `/v1/communities/chunhui/households?status=pending&cursor=${fake}`, {
      token: admin,
    });
    const badStatus = await call('GET', '/v1/communities/chunhui/households?status=maybe', { token: admin });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.cursor).toBeTruthy();
    expect(page2.body.items[0].householdId).not.toBe(page1.body.items[1].householdId);
    expect(forged.status).toBe(400);
    expect(forged.body.error.details[0].field).toBe('query.cursor');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details[0].field).toBe('query.status');
  });
});

describe('the approved homes of a building', () => {
  const homes = (token: string, query: string) => call('GET', `/v1/communities/chunhui/households?${query}`, { token });

  it('lists them by unit and room for an admin, with the resident, and only once approved', async () => {
    // Prepare: two newcomers ask for homes in 春晖苑 6幢 1单元
    const admin = await signIn('admin-chunhui');
    const { token } = await signInNewWechatUser();
    const home = { estateId: 'chunhui-yuan', buildingId: 'chy-b6', unit: 1, room: '1201', relation: 'tenant' };
    const asked = await call('POST', '/v1/communities/chunhui/households', {
      token,
      idempotencyKey: newKey(),
      body: home,
    });
    const second = await signInNewWechatUser();
    const neighbour = await call('POST', '/v1/communities/chunhui/households', {
      token: second.token,
      idempotencyKey: newKey(),
      body: { ...home, room: '302' },
    });
    const ours = (list: { body: { items: { userId: string; room: string }[] } }) =>
      list.body.items
        .filter((h) => [asked.body.userId, second.userId].includes(h.userId))
        .map((h) => [h.room, h.userId]);
    const pending = await homes(admin, 'status=approved&buildingId=chy-b6&limit=100');

    // Act
    for (const h of [asked, neighbour])
      await call('POST', `/v1/communities/chunhui/households/${h.body.householdId}/approve`, { token: admin });
    const after = await homes(admin, 'status=approved&buildingId=chy-b6&limit=100');

    // Assess: nothing while pending; then both, 302 before 1201
    expect(pending.status).toBe(200);
    expect(ours(pending)).toEqual([]);
    expect(ours(after)).toEqual([
      ['302', second.userId],
      ['1201', asked.body.userId],
    ]);
  });

  it('finds the seeded residents where they live', async () => {
    const list = await homes(await signIn('admin-chunhui'), 'status=approved&buildingId=chy-b3');
    expect(list.body.items.map((h: { applicantName: string }) => h.applicantName)).toContain('王秀英');
  });

  it('is for the community’s admins only, and names what is wrong', async () => {
    const resident = await homes(await signIn('resident-wang'), 'status=approved&buildingId=chy-b3');
    const foreign = await homes(await signIn('admin-fengqiao'), 'status=approved&buildingId=chy-b3');
    const notApproved = await homes(await signIn('admin-chunhui'), 'status=pending&buildingId=chy-b3');
    expect(resident.status).toBe(403);
    expect(foreign.status).toBe(403);
    expect(notApproved.status).toBe(400);
    expect(notApproved.body.error.details).toEqual([expect.objectContaining({ field: 'query.status' })]);
  });
});
