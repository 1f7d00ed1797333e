/**
 * The street keeps its units against DynamoDB Local, through the API: it
 * writes a unit's account and service area among its own communities, gives
 * a code to join it, sees who works for it and takes people out; the one who
 * joined works the unit's queue until then.
 */
import { describe, expect, it } from 'vitest';
import { call, signIn, signInNewWechatUser } from '../support/api.js';

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
});
