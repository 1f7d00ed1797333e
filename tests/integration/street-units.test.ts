/**
 * The street keeps its units against DynamoDB Local, through the API: it
 * writes a unit's account and service area among its own communities, gives
 * a code to join it, sees who works for it and takes people out; the one who
 * joined works the unit's queue until then.
 */
import { describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { call, signIn, signInNewWechatUser } from '../support/api.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const STREET = '/v1/streets/changhe';

async function as(persona: string) {
  return signIn(persona);
}

describe('the street keeps its units', () => {
  it('creates a unit, gives its staff a code, and they work its queue until the street takes them out', async () => {
    const street = await as('street-qian');
    const unitId = `t-${Date.now().toString(36)}`;
    // Create: a co-building unit serving 春晖
    const created = await call('PUT', `${STREET}/units/${unitId}`, {
      token: street,
      body: { name: '长河供电服务站', kind: 'co_building', communityIds: ['chunhui'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toEqual({
      unitId,
      name: '长河供电服务站',
      kind: 'co_building',
      kindLabel: '共建单位',
      streetId: 'changhe',
      communities: [{ communityId: 'chunhui', name: '春晖社区' }],
    });
    // Rewrite: its service area grows; 春晖's dispatchers see it
    const grown = await call('PUT', `${STREET}/units/${unitId}`, {
      token: street,
      body: { name: '长河供电服务站', kind: 'utility', communityIds: ['chunhui', 'fengqiao'] },
    });
    expect(grown.body.communities.map((c: { communityId: string }) => c.communityId)).toEqual(['chunhui', 'fengqiao']);
    const serving = await call('GET', '/v1/communities/fengqiao/units', { token: await as('admin-fengqiao') });
    expect(serving.body.items.map((u: { unitId: string }) => u.unitId)).toContain(unitId);

    // Invite and join: a code of 8, typed as a person reads it (spaces, small letters)
    const invite = await call('POST', `${STREET}/units/${unitId}/invites`, { token: street });
    expect(invite.status).toBe(201);
    expect(invite.body.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    const person = await signInNewWechatUser();
    const typed = `${invite.body.code.slice(0, 4).toLowerCase()} ${invite.body.code.slice(4)}`;
    const joined = await call('POST', '/v1/me/units', { token: person.token, body: { code: typed } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body).toEqual({ unitId, unitName: '长河供电服务站', roles: ['unit_staff'] });
    expect((await call('GET', '/v1/me', { token: person.token })).body.units).toEqual([joined.body]);
    expect((await call('GET', `/v1/units/${unitId}/feedback`, { token: person.token })).status).toBe(200);
    const members = await call('GET', `${STREET}/units/${unitId}/members`, { token: street });
    expect(members.body.items).toEqual([{ userId: person.userId, name: person.nickname }]);

    // Out: the street takes them out; the unit's routes refuse them (the API's container forgot them at once)
    const left = await call('DELETE', `${STREET}/units/${unitId}/members/${person.userId}`, { token: street });
    expect(left.status).toBe(200);
    expect(left.body.items).toEqual([]);
    const refused = await call('GET', `/v1/units/${unitId}/feedback`, { token: person.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('UNIT_ROLE_REQUIRED');
    const again = await call('DELETE', `${STREET}/units/${unitId}/members/${person.userId}`, { token: street });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('UNIT_MEMBER_NOT_FOUND');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const street = await as('street-qian');
    const unitId = `t-bad-${Date.now().toString(36)}`;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '长', kind: 'school', communityIds: ['chunhui'] }, 'body.name'],
      [{ name: '长河中学', kind: 'factory', communityIds: ['chunhui'] }, 'body.kind'],
      [{ name: '长河中学', kind: 'school', communityIds: [] }, 'body.communityIds'],
      [{ name: '长河中学', kind: 'school', communityIds: ['chunhui', 'chunhui'] }, 'body.communityIds'],
      [{ name: '长河中学', kind: 'school', communityIds: ['chunhui', 'xihu'] }, 'body.communityIds.1'],
      [{ name: '长河中学', kind: 'school', communityIds: ['chunhui'], extra: 1 }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await call('PUT', `${STREET}/units/${unitId}`, { token: street, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.error.details.map((d: { field: string }) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    // Nothing was written: the unit does not exist, so it cannot be given a code
    const invite = await call('POST', `${STREET}/units/${unitId}/invites`, { token: street });
    expect(invite.status).toBe(404);
    expect(invite.body.error.code).toBe('UNIT_NOT_FOUND');

    const person = await signInNewWechatUser();
    for (const code of ['ABC', 'ABCDEFG!', '']) {
      const res = await call('POST', '/v1/me/units', { token: person.token, body: { code } });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('body.code');
    }
    const unknown = await call('POST', '/v1/me/units', { token: person.token, body: { code: 'ZZZZ2222' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNIT_INVITE_INVALID', details: [{ field: 'body.code' }] });
    expect((await call('GET', '/v1/me', { token: person.token })).body.units).toEqual([]);
  });

  it('keeps a street to its own units, and the management to street admins', async () => {
    // A unit of 长河 cannot be taken over under another street's path (its admin is refused before that)
    const other = await call('PUT', '/v1/streets/xihu/units/changhe-cg', {
      token: await as('street-qian'),
      body: { name: '城管中队', kind: 'department', communityIds: ['chunhui'] },
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('STREET_ROLE_REQUIRED');
    for (const persona of ['admin-chunhui', 'unit-ma', 'resident-wang']) {
      const res = await call('POST', `${STREET}/units/changhe-cg/invites`, { token: await as(persona) });
      expect(res.status, persona).toBe(403);
      expect(res.body.error.code, persona).toBe('STREET_ROLE_REQUIRED');
    }
  });

  it('lists a unit’s open codes newest first, and a revoked code is refused as an unknown one', async () => {
    const street = await as('street-qian');
    const unitId = `t-inv-${Date.now().toString(36)}`;
    const created = await call('PUT', `${STREET}/units/${unitId}`, {
      token: street,
      body: { name: '长河燃气服务站', kind: 'utility', communityIds: ['chunhui'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const none = await call('GET', `${STREET}/units/${unitId}/invites`, { token: street });
    expect(none.status, JSON.stringify(none.body)).toBe(200);
    expect(none.body).toEqual({ items: [] });

    // Three codes, by two of the street's admins; one of them is used twice
    const codes: string[] = [];
    for (const persona of ['street-qian', 'street2-wu', 'street-qian']) {
      const res = await call('POST', `${STREET}/units/${unitId}/invites`, { token: await as(persona) });
      expect(res.status).toBe(201);
      codes.push(res.body.code);
      await new Promise((r) => setTimeout(r, 5)); // a later createdAt
    }
    for (let i = 0; i < 2; i++) {
      const person = await signInNewWechatUser();
      const joined = await call('POST', '/v1/me/units', { token: person.token, body: { code: codes[1] } });
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    }
    const listed = await call('GET', `${STREET}/units/${unitId}/invites`, { token: street });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { code: string }) => i.code)).toEqual([...codes].reverse());
    expect(listed.body.items.map((i: { createdBy: string }) => i.createdBy)).toEqual(['钱志远', '吴晓燕', '钱志远']);
    expect(listed.body.items.map((i: { uses: number }) => i.uses)).toEqual([0, 2, 0]);
    for (const item of listed.body.items) {
      const days = (Date.parse(item.expiresAt) - Date.parse(item.createdAt)) / 86_400_000;
      expect(days).toBeCloseTo(7, 3);
    }

    // Revoke the middle one: it leaves the list, redeeming it is refused as an unknown code, and twice is 404
    const revoked = await call('DELETE', `${STREET}/units/${unitId}/invites/${codes[1]}`, { token: street });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.items.map((i: { code: string }) => i.code)).toEqual([codes[2], codes[0]]);
    expect(
      (await call('GET', `${STREET}/units/${unitId}/invites`, { token: street })).body.items.map(
        (i: { code: string }) => i.code,
      ),
    ).toEqual([codes[2], codes[0]]);
    const late = await signInNewWechatUser();
    const refused = await call('POST', '/v1/me/units', { token: late.token, body: { code: codes[1] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'UNIT_INVITE_INVALID', details: [{ field: 'body.code' }] });
    expect((await call('GET', '/v1/me', { token: late.token })).body.units).toEqual([]);
    const again = await call('DELETE', `${STREET}/units/${unitId}/invites/${codes[1]}`, { token: street });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('UNIT_INVITE_NOT_FOUND');
    expect(again.body.error.message).toMatch(/邀请码/);
    // An unknown code, and another unit's code under this unit's path, are not found either (and stay good)
    const unknown = await call('DELETE', `${STREET}/units/${unitId}/invites/ZZZZ2222`, { token: street });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNIT_INVITE_NOT_FOUND');
    const elsewhere = await call('DELETE', `${STREET}/units/changhe-cg/invites/${codes[0]}`, { token: street });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('UNIT_INVITE_NOT_FOUND');
    const still = await signInNewWechatUser();
    const joined = await call('POST', '/v1/me/units', { token: still.token, body: { code: codes[0] } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  });

  it('keeps a unit’s codes to its own street’s admins', async () => {
    const street = await as('street-qian');
    const invite = await call('POST', `${STREET}/units/changhe-cg/invites`, { token: street });
    expect(invite.status).toBe(201);
    const code = invite.body.code as string;
    // An admin of another street: refused under 长河's path by the guard, and under their own by the unit's street
    const table = createTable({
      tableName: inject('tableName'),
      region: 'cn-north-1',
      endpoint: inject('dynamoEndpoint'),
    });
    const outsider = await signInNewWechatUser();
    await createStreetsRepository(table).putMembership({
      userId: outsider.userId,
      streetId: 'xihu',
      streetName: '西湖街道',
      roles: ['street_admin'],
    });
    const routes: [string, string][] = [
      ['GET', `${STREET}/units/changhe-cg/invites`],
      ['DELETE', `${STREET}/units/changhe-cg/invites/${code}`],
    ];
    for (const [method, path] of routes) {
      const res = await call(method, path, { token: outsider.token });
      expect(res.status, path).toBe(403);
      expect(res.body.error.code, path).toBe('STREET_ROLE_REQUIRED');
    }
    const underOwn: [string, string][] = [
      ['GET', '/v1/streets/xihu/units/changhe-cg/invites'],
      ['DELETE', `/v1/streets/xihu/units/changhe-cg/invites/${code}`],
    ];
    for (const [method, path] of underOwn) {
      const res = await call(method, path, { token: outsider.token });
      expect(res.status, path).toBe(403);
      expect(res.body.error.code, path).toBe('UNIT_OF_ANOTHER_STREET');
    }
    // The unit's own staff, a community admin and a resident: refused
    for (const persona of ['unit-ma', 'admin-chunhui', 'resident-wang']) {
      for (const [method, path] of routes) {
        const res = await call(method, path, { token: await as(persona) });
        expect(res.status, `${persona} ${method}`).toBe(403);
        expect(res.body.error.code, `${persona} ${method}`).toBe('STREET_ROLE_REQUIRED');
      }
    }
    // The code is still open, and its street's admin revokes it
    const listed = await call('GET', `${STREET}/units/changhe-cg/invites`, { token: street });
    expect(listed.body.items.map((i: { code: string }) => i.code)).toContain(code);
    expect((await call('DELETE', `${STREET}/units/changhe-cg/invites/${code}`, { token: street })).status).toBe(200);
  });
});
