/**
 * The community's side of 这个怎么分 against DynamoDB Local: every member
 * reads the category names and local entries (the list itself ships in the
 * app); only admins change them, naming the version they started from, so
 * two admins never overwrite each other unseen; bad entries are refused
 * naming the field, with nothing saved.
 */
import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api.js';

// The stack's one guide for 春晖社区: these cases run in order, each from what the one before left.
const C = '/v1/communities/chunhui/sorting-guide';

const read = async (persona = 'resident-wang') => call('GET', C, { token: await signIn(persona) });
const replace = async (body: unknown, persona = 'admin-chunhui') =>
  call('PUT', C, { token: await signIn(persona), body });

const BONES = { name: '筒骨', aliases: ['猪大骨'], category: 'residual', note: '敲碎也不行，投其他垃圾桶' };

describe('a community’s sorting guide', () => {
  it('is read by a resident, changed by an admin with the version it started from, and refused on a stale one', async () => {
    // Prepare
    const before = await read();
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const version = before.body.version as number;

    // Act
    const saved = await replace({ version, standard: 'shanghai', entries: [BONES] });
    const stale = await replace({ version, standard: 'national', entries: [] });

    // Assess: the first change is there for residents; the second, made on the old version, changed nothing
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ standard: 'shanghai', version: version + 1, entries: [BONES] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('SORTING_GUIDE_CHANGED');
    const after = await read();
    expect(after.body).toMatchObject({ communityId: 'chunhui', standard: 'shanghai', version: version + 1 });
    expect(after.body.entries).toEqual([BONES]);
  });

  it('is changed by admins only', async () => {
    const current = (await read()).body;
    const res = await replace({ version: current.version, standard: 'national', entries: [] }, 'resident-wang');
    expect(res.status).toBe(403);
    expect((await read()).body).toEqual(current);
  });

  it.each([
    [{ standard: 'beijing' }, 'body.standard'],
    [{ entries: [{ ...BONES, category: 'wet' }] }, 'body.entries.0.category'],
    [{ entries: [{ ...BONES, name: '  ' }] }, 'body.entries.0.name'],
    [{ entries: [{ ...BONES, note: '说'.repeat(101) }] }, 'body.entries.0.note'],
    [{ entries: [BONES, { ...BONES, name: '棒骨', aliases: ['筒骨'] }] }, 'body.entries.1.aliases.0'],
    [{ entries: Array.from({ length: 201 }, (_, i) => ({ ...BONES, name: `物品${i}`, aliases: [] })) }, 'body.entries'],
  ])('refuses %j naming %s, and keeps what was there', async (change, field) => {
    const current = (await read()).body;
    const res = await replace({
      version: current.version,
      standard: current.standard,
      entries: current.entries,
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(res.body.error.details.every((d: { message: string }) => /[\u4e00-\u9fff]/.test(d.message))).toBe(true);
    expect((await read()).body).toEqual(current);
  });
});
