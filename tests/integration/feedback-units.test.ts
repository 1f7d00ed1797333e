/**
 * 社区吹哨、部门报到 against DynamoDB Local, through the API: a report nobody
 * handles goes from the grid to the community committee and on to the street
 * office by the SLA sweep (or by an admin's 吹哨), the street dispatches it to
 * a unit, the unit's member works it from the unit's queue and resolves it,
 * and the resident confirms. Who may see and do what is checked on the way:
 * no unit sees a report it was not given, no street sees a case it was not sent.
 */
import { formatDeadline } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { messagesOf } from '../support/wechat.js';

const C = '/v1/communities/chunhui';
const UNIT = '/v1/units/changhe-cg';
const STREET = '/v1/streets/changhe';

async function submit(category: string, description: string): Promise<string> {
  const res = await call('POST', `${C}/feedback`, {
    token: await signIn('resident-wang'),
    idempotencyKey: newKey(),
    body: {
      category,
      description,
      photos: [],
      location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '楼道口' },
    },
  });
  expect(res.status).toBe(201);
  return res.body.reportId;
}

/** An action through one of the three doors: the community's, the unit's or the street's. */
async function act(persona: string, path: string, body: Record<string, unknown>, status = 200) {
  const res = await call('POST', `${path}/events`, { token: await signIn(persona), idempotencyKey: newKey(), body });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

async function get(persona: string, path: string, status = 200) {
  const res = await call('GET', path, { token: await signIn(persona) });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

async function sweep(at: string) {
  const res = await call('POST', '/v1/dev/sweeps', { body: { now: at, sweeps: ['feedback-sla'] } });
  expect(res.status).toBe(200);
}

const ids = (page: { items: { reportId: string }[] }) => page.items.map((r) => r.reportId);

/** The report on the street's desk, looked for on every page (other files' sweeps put theirs there too). */
async function onDesk(reportId: string) {
  let cursor: string | null = null;
  do {
    const page = await get(
      'street-qian',
      `${STREET}/escalations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const found = page.items.find((r: { reportId: string }) => r.reportId === reportId);
    if (found) return found;
    cursor = page.cursor;
  } while (cursor);
  return undefined;
}
const inCommunity = (id: string) => `${C}/feedback/${id}`;
const inUnit = (id: string) => `${UNIT}/feedback/chunhui/${id}`;
const inStreet = (id: string) => `${STREET}/feedback/chunhui/${id}`;

describe('the escalation path: grid → community → street → unit → resident', () => {
  it('is taken by the sweep when nobody acts, and the unit resolves what the street sent it', async () => {
    const id = await submit('sanitation', '3幢北侧垃圾堆了一周没人清');
    const filed = (await get('grid-zhang', inCommunity(id))).report;

    // Nobody accepts: the first breach reminds, the second goes to the committee with a deadline of its own,
    // each as long again as the window missed (counted from arrival while nobody accepted).
    const created = Date.parse(filed.createdAt);
    const first = Date.parse(filed.acceptBy) + 1000;
    await sweep(new Date(first).toISOString());
    expect((await get('admin-chunhui', inCommunity(id))).report.overdue).toBe(true);
    const secondBy = first + (Date.parse(filed.acceptBy) - created);
    const second = secondBy + 1000;
    await sweep(new Date(second).toISOString());
    const committee = await get('admin-chunhui', inCommunity(id));
    expect(committee.report).toMatchObject({ escalated: true, assignee: { kind: 'committee' } });
    const escalated = committee.events.find((e: { kind: string }) => e.kind === 'auto_escalated');
    expect(escalated.text).toContain('将上报长河街道');
    // Not on the street's desk yet, and the street may not open it.
    expect(await onDesk(id)).toBeUndefined();
    await get('street-qian', inStreet(id), 404);

    // The committee misses its deadline too: the sweep blows the whistle for the street.
    const committeeBy = second + (secondBy - created);
    await sweep(new Date(committeeBy - 1000).toISOString());
    expect(await onDesk(id)).toBeUndefined();
    await sweep(new Date(committeeBy + 1000).toISOString());
    const waiting = await onDesk(id);
    expect(waiting).toMatchObject({ assignee: { kind: 'street', streetId: 'changhe', name: '长河街道' } });
    expect(Date.parse(waiting.streetEscalatedAt)).toBeGreaterThan(Date.parse(escalated.at));
    const told = (await messagesOf('street-qian')).items.find((m) => m.link?.includes(`reportId=${id}`));
    expect(told).toMatchObject({ title: '社区吹哨：反映已上报街道' });
    expect(told?.link).toContain('streetId=changhe');

    // Now the street decides: the community admin may no longer accept or dispatch it, the street may.
    await act('admin-chunhui', inCommunity(id), { action: 'accept' }, 403);
    await act('street-qian', inStreet(id), { action: 'accept' });
    const sent = await act('street-qian', inStreet(id), {
      action: 'dispatch',
      target: { kind: 'unit', unitId: 'changhe-cg' },
      note: '请城管中队今天到场',
    });
    expect(sent.report).toMatchObject({ status: 'dispatched', assignee: { kind: 'unit', unitId: 'changhe-cg' } });
    // (The sweep ran days ahead of the clock the people act on, so the timeline is read by kind, not by place.)
    const dispatched = sent.events.find((e: { kind: string }) => e.kind === 'dispatch');
    expect(dispatched).toMatchObject({
      actor: { name: '钱志远', role: 'street_admin' },
      text: '派给长河街道城管中队：请城管中队今天到场',
    });
    expect(await onDesk(id)).toBeUndefined();

    // The unit's member has it in the unit's queue and in 消息, opened as the unit.
    expect(ids(await get('unit-ma', `${UNIT}/feedback`))).toContain(id);
    const task = (await messagesOf('unit-ma')).items.find((m) => m.link?.includes(`reportId=${id}`));
    expect(task).toMatchObject({ title: '新派单' });
    expect(task?.link).toContain('unitId=changhe-cg');
    const given = await get('unit-ma', inUnit(id));
    // Already escalated: the unit works it (上报 is behind it), and sees who reported, as staff do.
    expect(given.report.allowedActions).toEqual(['arrive', 'resolve', 'note', 'reply']);
    expect(given.report.reporterName).toBe('王秀英');

    await act('unit-ma', inUnit(id), { action: 'arrive', note: '已到现场' });
    const resolved = await act('unit-ma', inUnit(id), {
      action: 'resolve',
      note: '已清运，并通知物业加密清运',
      photos: [],
    });
    expect(resolved.report.status).toBe('resolved');
    expect(resolved.events.find((e: { kind: string }) => e.kind === 'resolve').actor).toEqual({
      name: '马强',
      role: 'unit_staff',
    });
    // Resolved is done for the unit; the resident confirms in the same state machine.
    expect(ids(await get('unit-ma', `${UNIT}/feedback`))).not.toContain(id);
    expect(ids(await get('unit-ma', `${UNIT}/feedback?status=done`))).toContain(id);
    const closed = await act('resident-wang', inCommunity(id), { action: 'confirm', rating: 5, comment: '很及时' });
    expect(closed.report.status).toBe('closed');
    // The whole path is on one timeline (the resident's: the reminder to staff is internal).
    expect(closed.events.map((e: { kind: string }) => e.kind).sort()).toEqual(
      [
        'submitted',
        'overdue',
        'auto_escalated',
        'auto_whistled',
        'accept',
        'dispatch',
        'arrive',
        'resolve',
        'confirm',
      ].sort(),
    );
  });

  it('gives the committee its own deadline when staff send it up, and the sweep whistles when the committee misses it', async () => {
    const id = await submit('sanitation', '5幢西侧绿化带里的建筑垃圾一直没人清');
    const taken = (await act('grid-zhang', inCommunity(id), { action: 'accept' })).report;
    // 上报社区 by hand: the committee gets as long again as the deadline the grid was on, from then.
    const up = await act('grid-zhang', inCommunity(id), { action: 'escalate', reason: '涉及多户，网格协调不了' });
    const at = up.events.find((e: { kind: string }) => e.kind === 'escalate').at;
    const pending = [taken.respondBy, taken.resolveBy].filter(Boolean).sort()[0];
    const window = Math.max(Date.parse(pending) - Date.parse(taken.acceptedAt), 10 * 60_000);
    const committeeBy = new Date(Date.parse(at) + window).toISOString();
    expect(up.report).toMatchObject({ escalated: true, assignee: { kind: 'committee' }, committeeBy });
    // The timeline and the committee's message quote the committee's deadline, not the grid's.
    const by = formatDeadline(committeeBy, { now: at });
    const deadline = up.events.find((e: { kind: string }) => e.kind === 'committee_deadline');
    expect(deadline).toMatchObject({
      label: '设定社区办结时限',
      visibility: 'public',
      actor: { name: '系统', role: 'system' },
      text: `社区办结时限 ${by} 前；届时仍未办结将上报长河街道`,
    });
    const told = (await messagesOf('admin-chunhui')).items.find(
      (m) => m.link?.includes(`reportId=${id}`) && m.title === '反映已上报社区',
    );
    expect(told?.body).toContain(`社区办结时限 ${by} 前。`);
    expect(told?.body).not.toContain('办结期限');
    // Staff see it; the resident does not.
    expect((await get('resident-wang', inCommunity(id))).report.committeeBy).toBeNull();

    // The committee misses it: the sweep blows the whistle for the street, not a moment before.
    await sweep(new Date(Date.parse(committeeBy) - 1000).toISOString());
    expect(await onDesk(id)).toBeUndefined();
    await sweep(new Date(Date.parse(committeeBy) + 1000).toISOString());
    expect(await onDesk(id)).toMatchObject({ assignee: { kind: 'street', streetId: 'changhe' } });
    const whistled = await get('admin-chunhui', inCommunity(id));
    expect(whistled.events.map((e: { kind: string }) => e.kind)).toContain('auto_whistled');
    expect(whistled.report.committeeBy).toBe(committeeBy);
  });

  it('is taken by hand: the grid escalates, the committee blows the whistle (吹哨)', async () => {
    const id = await submit('noise', '楼下棋牌室每天凌晨还很吵');
    await act('grid-zhang', inCommunity(id), { action: 'accept' });
    // 吹哨 is for what the committee already has.
    await act('admin-chunhui', inCommunity(id), { action: 'whistle', reason: '需要街道协调' }, 403);
    await act('grid-zhang', inCommunity(id), { action: 'escalate', reason: '涉及经营场所，网格协调不了' });
    const whistled = await act('admin-chunhui', inCommunity(id), { action: 'whistle', reason: '需要街道协调执法' });
    expect(whistled.report).toMatchObject({ assignee: { kind: 'street', streetId: 'changhe' } });
    expect(whistled.report.allowedActions).not.toContain('whistle');
    expect(await onDesk(id)).toBeDefined();
    // The street sees it, with the community's internal notes, and can reply to the resident.
    const seen = await get('street-qian', inStreet(id));
    expect(seen.report.allowedActions).toEqual(expect.arrayContaining(['dispatch', 'note', 'reply']));
    expect(seen.report.allowedActions).not.toContain('resolve');
  });
});

describe('who sees what above the community', () => {
  it('never shows a unit a report it was not given, nor another unit’s queue', async () => {
    const id = await submit('parking', '消防通道旁长期停着一辆旧车');
    await get('unit-ma', inUnit(id), 404);
    await act('unit-ma', inUnit(id), { action: 'note', text: '看一下' }, 404);
    const other = await call('GET', '/v1/units/linjiang-water/feedback', { token: await signIn('unit-ma') });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('UNIT_ROLE_REQUIRED');
    const resident = await call('GET', `${UNIT}/feedback`, { token: await signIn('resident-wang') });
    expect(resident.status).toBe(403);
    // Given to the water company, it is still not the 城管中队's.
    await act('grid-zhang', inCommunity(id), { action: 'accept' });
    await act('grid-zhang', inCommunity(id), {
      action: 'dispatch',
      target: { kind: 'unit', unitId: 'linjiang-water' },
    });
    await get('unit-ma', inUnit(id), 404);
    expect(ids(await get('unit-ma', `${UNIT}/feedback`))).not.toContain(id);
  });

  it('refuses a unit that is unknown or does not serve the community, naming the field, and writes nothing', async () => {
    const id = await submit('lighting', '2幢门口路灯不亮');
    await act('grid-zhang', inCommunity(id), { action: 'accept' });
    const before = await get('grid-zhang', inCommunity(id));
    for (const unitId of ['no-such-unit', 'changhe-clinic']) {
      const res = await act(
        'grid-zhang',
        inCommunity(id),
        { action: 'dispatch', target: { kind: 'unit', unitId } },
        400,
      );
      expect(res.error.code).toBe('VALIDATION_FAILED');
      expect(res.error.details).toEqual([{ field: 'body.target.unitId', message: '没有为本社区服务的这个单位' }]);
    }
    const noName = await act(
      'grid-zhang',
      inCommunity(id),
      { action: 'dispatch', target: { kind: 'unit', name: '城管' } },
      400,
    );
    expect(JSON.stringify(noName.error.details)).toContain('body.target');
    expect(await get('grid-zhang', inCommunity(id))).toEqual(before);
  });

  it('lists the units that serve the community for its dispatchers, and the street’s for the street', async () => {
    const serving = await get('grid-zhang', `${C}/units`);
    expect(serving.items.map((u: { unitId: string }) => u.unitId)).toEqual(
      expect.arrayContaining(['changhe-cg', 'linjiang-water', 'changhe-school']),
    );
    expect(serving.items.map((u: { unitId: string }) => u.unitId)).not.toContain('changhe-clinic');
    expect(serving.items.find((u: { unitId: string }) => u.unitId === 'changhe-school')).toMatchObject({
      kind: 'school',
      kindLabel: '学校',
    });
    const street = await get('street-qian', `${STREET}/units`);
    expect(street.items.length).toBeGreaterThanOrEqual(serving.items.length);
    expect((await get('unit-ma', UNIT)).name).toBe('长河街道城管中队');
    expect((await get('unit-ma', '/v1/me')).units).toEqual([
      { unitId: 'changhe-cg', unitName: '长河街道城管中队', roles: ['unit_staff'] },
    ]);
    const resident = await call('GET', `${C}/units`, { token: await signIn('resident-wang') });
    expect(resident.status).toBe(403);
  });
});
