/**
 * What the server says each viewer may do with a bulletin (`allowedActions`,
 * from the lifecycle in shared/), and that it does exactly that: what it
 * lists it accepts, what it leaves out it refuses.
 */
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';

const C = '/v1/communities/chunhui';
const NOTICE = {
  title: '春晖苑绿化修剪通知',
  kind: 'notice',
  body: '本周三上午修剪绿化，请勿在树下停车。',
  audience: { type: 'community' },
};

async function write(title: string) {
  const res = await call('POST', `${C}/bulletins`, {
    token: await signIn('admin-chunhui'),
    idempotencyKey: newKey(),
    body: { ...NOTICE, title },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function move(id: string, step: string, persona: string, body?: unknown) {
  return call('POST', `${C}/bulletins/${id}/${step}`, { token: await signIn(persona), ...(body ? { body } : {}) });
}
async function managed(persona: string, status: string, id: string) {
  const res = await call('GET', `${C}/bulletins/manage?status=${status}&limit=100`, { token: await signIn(persona) });
  expect(res.status).toBe(200);
  return res.body.items.find((b: { bulletinId: string }) => b.bulletinId === id);
}

describe('a bulletin’s allowed actions, for the viewer', () => {
  it('gives the author of a submitted bulletin withdraw but not approve, and the second admin approve', async () => {
    // Prepare
    const draft = await write('绿化修剪通知（待审）');
    expect(draft.allowedActions).toEqual(['edit', 'submit']);
    // Act
    const submitted = await move(draft.bulletinId, 'submit', 'admin-chunhui');
    // Assess: the author may edit, send back or withdraw it, never approve it
    expect(submitted.body.allowedActions).toEqual(['edit', 'reject', 'withdraw']);
    expect((await managed('admin-chunhui', 'submitted', draft.bulletinId)).allowedActions).toEqual([
      'edit',
      'reject',
      'withdraw',
    ]);
    expect((await managed('admin2-chunhui', 'submitted', draft.bulletinId)).allowedActions).toEqual([
      'edit',
      'approve',
      'reject',
      'withdraw',
    ]);
    const self = await move(draft.bulletinId, 'approve', 'admin-chunhui');
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_APPROVAL');
  });

  it('lets the author withdraw a submitted bulletin, as listed, and then allows nothing more', async () => {
    // Prepare
    const draft = await write('绿化修剪通知（撤回）');
    await move(draft.bulletinId, 'submit', 'admin-chunhui');
    // Act
    const withdrawn = await move(draft.bulletinId, 'withdraw', 'admin-chunhui');
    // Assess
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    const again = await move(draft.bulletinId, 'submit', 'admin-chunhui');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('BULLETIN_WRONG_STATE');
    const edit = await call('PUT', `${C}/bulletins/${draft.bulletinId}`, {
      token: await signIn('admin-chunhui'),
      body: { ...NOTICE, title: '绿化修剪通知（撤回后修改）', version: withdrawn.body.version },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('BULLETIN_WITHDRAWN');
  });

  it('gives editors edit and withdraw on a published bulletin, and residents and grid workers nothing', async () => {
    // Prepare
    const draft = await write('绿化修剪通知（已发布）');
    await move(draft.bulletinId, 'submit', 'admin-chunhui');
    // Act
    const published = await move(draft.bulletinId, 'approve', 'admin2-chunhui');
    // Assess
    expect(published.body).toMatchObject({ status: 'published', allowedActions: ['edit', 'withdraw'] });
    const resident = await call('GET', `${C}/bulletins/${draft.bulletinId}`, { token: await signIn('resident-wang') });
    expect(resident.body.allowedActions).toEqual([]);
    expect((await managed('grid-zhang', 'published', draft.bulletinId)).allowedActions).toEqual([]);
    const approveAgain = await move(draft.bulletinId, 'approve', 'admin2-chunhui');
    expect(approveAgain.status).toBe(409);
  });

  it('gives a scheduled, approved bulletin withdraw and edit only, until the sweep publishes it', async () => {
    // Prepare
    const res = await call('POST', `${C}/bulletins`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body: {
        ...NOTICE,
        title: '绿化修剪通知（定时）',
        publishAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      },
    });
    await move(res.body.bulletinId, 'submit', 'admin-chunhui');
    // Act
    const approved = await move(res.body.bulletinId, 'approve', 'admin2-chunhui');
    // Assess
    expect(approved.body).toMatchObject({ status: 'approved', allowedActions: ['edit', 'withdraw'] });
  });
});
