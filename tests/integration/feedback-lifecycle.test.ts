import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { uploadPhoto } from '../support/photos.js';
import { consent, openidOf, settledOutbox } from '../support/wechat.js';

const C = '/v1/communities/chunhui';
const REPORT = {
  category: 'drain',
  description: '3幢2单元楼下的下水道堵了，污水漫到路面',
  location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '单元门口' },
};

async function submit(persona: string, body: Record<string, unknown> = REPORT, key = newKey()) {
  return call('POST', `${C}/feedback`, { token: await signIn(persona), idempotencyKey: key, body });
}

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  return call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
}

describe('a report from submission to a rated fix', () => {
  it('goes submit → accept → dispatch → on site → resolve with proof → confirm, notifying as it goes', async () => {
    // Prepare: on the submit tap the resident accepted one 受理 message; the property staff one task reminder
    await consent('resident-wang', ['feedback_accepted']);
    await consent('property-chen', ['feedback_task']);
    const photo = await uploadPhoto(await signIn('resident-wang'), 'chunhui', 'feedback');
    // Act and assess, step by step
    const submitted = await submit('resident-wang', { ...REPORT, photos: [photo] });
    expect(submitted.status).toBe(201);
    const id = submitted.body.reportId;
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      statusLabel: '待受理',
      categoryLabel: '下水堵塞',
      gridId: 'chunhui-g1',
      allowedActions: ['withdraw'],
    });
    expect(submitted.body.location.address).toBe('春晖苑 3幢 2单元 单元门口');
    expect(submitted.body.photos[0].url).toContain(photo.split('/').pop());

    const accepted = await act('grid-zhang', id, { action: 'accept' });
    expect(accepted.body.report.status).toBe('accepted');
    // A small repair is due at the end of the next Shanghai day: 16:00 UTC.
    expect(accepted.body.report.resolveBy).toMatch(/T16:00:00\.000Z$/);

    const dispatched = await act('grid-zhang', id, {
      action: 'dispatch',
      target: { kind: 'property' },
      note: '请物业疏通',
    });
    expect(dispatched.body.report.assignee).toEqual({ kind: 'property', name: '物业' });

    const queue = await call('GET', `${C}/feedback`, { token: await signIn('property-chen') });
    expect(queue.body.items.map((r: { reportId: string }) => r.reportId)).toContain(id);
    expect((await act('property-chen', id, { action: 'arrive' })).body.report.status).toBe('in_progress');

    const noProof = await act('property-chen', id, { action: 'resolve', note: '已疏通并清理路面', photos: [] });
    expect(noProof.status).toBe(422);
    expect(noProof.body.error.code).toBe('PROOF_REQUIRED');
    const proof = await uploadPhoto(await signIn('property-chen'), 'chunhui', 'proof');
    const resolved = await act('property-chen', id, { action: 'resolve', note: '已疏通并清理路面', photos: [proof] });
    expect(resolved.body.report.status).toBe('resolved');

    const mine = await call('GET', `${C}/feedback/${id}`, { token: await signIn('resident-wang') });
    expect(mine.body.report.allowedActions).toEqual(['confirm', 'reopen']);
    expect(mine.body.events.find((e: { kind: string }) => e.kind === 'resolve').photos).toHaveLength(1);
    const closed = await act('resident-wang', id, { action: 'confirm', rating: 5, comment: '很快就修好了，谢谢' });
    expect(closed.body.report).toMatchObject({ status: 'closed', rating: { score: 5, comment: '很快就修好了，谢谢' } });
    expect(closed.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'accept',
      'dispatch',
      'arrive',
      'resolve',
      'confirm',
    ]);

    // Notices: the resident on accept (the dispatch found no 受理 consent left, and none was given for 办结);
    // the property staff on dispatch.
    const toResident = await settledOutbox({ touser: openidOf('resident-wang'), page: `reportId=${id}` }, 1);
    expect(toResident.map((m) => [m.template_id, m.data.phrase2?.value])).toEqual([
      ['local-feedback-accepted', '已受理'],
    ]);
    const toStaff = await settledOutbox({ touser: openidOf('property-chen'), page: `reportId=${id}` }, 1);
    expect(toStaff.map((m) => [m.template_id, m.data.thing3?.value])).toEqual([
      ['local-feedback-task', '新派单，请按时处理'],
    ]);

    const board = await call('GET', `${C}/feedback/board`, { token: await signIn('resident-li') });
    const onBoard = board.body.items.find((b: { reportId: string }) => b.reportId === id);
    expect(onBoard).toMatchObject({ place: '春晖苑 3幢', resolution: '已疏通并清理路面', rating: 5 });
    expect(JSON.stringify(onBoard)).not.toContain('王秀英');
  });

  it('sends every notice the resident consented to', async () => {
    // Two 受理 consents and one 办结, as two taps on "subscribe" would give.
    await consent('resident-wang', ['feedback_accepted', 'feedback_resolved']);
    await consent('resident-wang', ['feedback_accepted']);
    const id = (await submit('resident-wang', { ...REPORT, category: 'lighting' })).body.reportId;
    await act('grid-zhang', id, { action: 'accept' });
    await act('grid-zhang', id, { action: 'dispatch', target: { kind: 'property' } });
    await act('property-chen', id, {
      action: 'resolve',
      note: '已更换灯泡',
      photos: [await uploadPhoto(await signIn('property-chen'), 'chunhui', 'proof')],
    });
    const sent = await settledOutbox({ touser: openidOf('resident-wang'), page: `reportId=${id}` }, 3);
    expect(sent.map((m) => [m.template_id, m.data.phrase2?.value])).toEqual([
      ['local-feedback-accepted', '已受理'],
      ['local-feedback-accepted', '已派单'],
      ['local-feedback-resolved', '待确认'],
    ]);
  });
});

describe('submitting safely', () => {
  it('makes concurrent retries with one Idempotency-Key a single report', async () => {
    const key = newKey();
    const before = (await call('GET', `${C}/feedback/mine?limit=100`, { token: await signIn('resident-li') })).body
      .items.length;
    const body = {
      ...REPORT,
      category: 'elevator',
      description: '2幢电梯困人，按钮没反应',
      location: { estateId: 'cuizhu-yuan', buildingId: 'czy-b2', unit: 1, detail: '' },
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => submit('resident-li', body, key)));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.reportId)).size).toBe(1);
    const after = (await call('GET', `${C}/feedback/mine?limit=100`, { token: await signIn('resident-li') })).body.items
      .length;
    expect(after).toBe(before + 1);
  });

  it.each([
    [{ ...REPORT, category: 'spaceships' }, 'body.category'],
    [{ ...REPORT, description: '坏了' }, 'body.description'],
    [{ ...REPORT, location: { ...REPORT.location, buildingId: 'czy-b1' } }, 'body.location.buildingId'],
    [{ ...REPORT, location: { ...REPORT.location, unit: 9 } }, 'body.location.unit'],
    [{ ...REPORT, photos: ['photos/fengqiao/feedback/2026-01/abc.png'] }, 'body.photos.0'],
    [{ ...REPORT, photos: ['photos/chunhui/feedback/2026-01/nosuchphoto.png'] }, 'body.photos.0'],
    [{ ...REPORT, photos: Array(10).fill('photos/chunhui/feedback/2026-01/a.png') }, 'body.photos'],
    [{ ...REPORT, anonymous: 'yes' }, 'body.anonymous'],
  ])('refuses bad input %#, naming %s, and files nothing', async (body, field) => {
    const token = await signIn('resident-wang');
    const before = (await call('GET', `${C}/feedback/mine?limit=100`, { token })).body.items.length;
    const res = await submit('resident-wang', body);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    expect((await call('GET', `${C}/feedback/mine?limit=100`, { token })).body.items.length).toBe(before);
  });

  it('refuses text that fails WeChat’s content check, and files nothing', async () => {
    const token = await signIn('resident-wang');
    const before = (await call('GET', `${C}/feedback/mine?limit=100`, { token })).body.items.length;
    const res = await submit('resident-wang', { ...REPORT, description: '这里有违禁测试的内容要举报' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CONTENT_REFUSED', details: [{ field: 'body.description' }] });
    expect((await call('GET', `${C}/feedback/mine?limit=100`, { token })).body.items.length).toBe(before);
  });
});

describe('me too, withdrawing and reopening', () => {
  it('shows similar open reports and lets a neighbour join one, once', async () => {
    const body = {
      ...REPORT,
      category: 'manhole',
      description: '3幢门口井盖松动，踩上去会翻',
      location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: null, detail: '' },
    };
    const id = (await submit('resident-wang', body)).body.reportId;
    const similar = await call('GET', `${C}/feedback/similar?buildingId=chy-b3&category=manhole`, {
      token: await signIn('resident-li'),
    });
    const found = similar.body.items.find((r: { reportId: string }) => r.reportId === id);
    expect(found.allowedActions).toEqual(['join']);
    expect(found.reporterName).toBe('王**');
    const joined = await act('resident-li', id, { action: 'join' });
    const twice = await act('resident-li', id, { action: 'join' });
    expect(joined.body.report.supporters).toBe(1);
    expect(twice.status).toBe(403);
    expect((await call('GET', `${C}/feedback/${id}`, { token: await signIn('resident-li') })).status).toBe(200);
  });

  it('lets the reporter withdraw before acceptance, and not after', async () => {
    const first = (
      await submit('resident-wang', { ...REPORT, category: 'other', description: '想问问小区什么时候加装充电桩' })
    ).body.reportId;
    const second = (
      await submit('resident-wang', { ...REPORT, category: 'other', description: '小区东门的门禁坏了刷不开' })
    ).body.reportId;
    await act('grid-zhang', second, { action: 'accept' });
    expect((await act('resident-wang', first, { action: 'withdraw' })).body.report.status).toBe('withdrawn');
    expect((await act('resident-wang', second, { action: 'withdraw' })).status).toBe(409);
  });

  it('sends a resolved report back with fresh deadlines when the resident says it is not fixed', async () => {
    const id = (
      await submit('resident-wang', { ...REPORT, category: 'noise', description: '广场舞音响太吵，晚上九点后还在放' })
    ).body.reportId;
    await act('grid-zhang', id, { action: 'accept' });
    await act('grid-zhang', id, { action: 'dispatch', target: { kind: 'grid_worker', userId: 'demo-grid-zhang' } });
    await act('grid-zhang', id, { action: 'resolve', note: '已与广场舞队协商九点前结束', photos: [] });
    const before = (await call('GET', `${C}/feedback/${id}`, { token: await signIn('resident-wang') })).body.report;
    const reopened = await act('resident-wang', id, { action: 'reopen', reason: '昨晚十点还在放' });
    const report = reopened.body.report;
    expect(report).toMatchObject({ status: 'accepted', assignee: null, resolvedAt: null });
    expect(report.acceptedAt > before.acceptedAt).toBe(true);
    // The resident's words, then the system saying what restarted (the new acceptance time and deadline)
    expect(reopened.body.events.slice(-2)).toMatchObject([
      { kind: 'reopen', text: '昨晚十点还在放', actor: { role: 'resident' } },
      { kind: 'reaccepted', label: '重新受理', visibility: 'public', actor: { name: '系统', role: 'system' } },
    ]);
    expect(reopened.body.events.at(-1).text).toMatch(
      /^居民反映未解决，重新受理（原受理时间 .+）：办结期限 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 前$/,
    );
  });
});

describe('staff queues and offline entry', () => {
  it('records a hotline report with its channel, and keeps grid workers to their grids', async () => {
    const entered = await call('POST', `${C}/feedback/offline`, {
      token: await signIn('grid-zhang'),
      idempotencyKey: newKey(),
      body: {
        category: 'elderly_help',
        description: '5幢独居老人家里三天没开灯，邻居打热线',
        location: { estateId: 'chunhui-yuan', buildingId: 'chy-b5', unit: 1, detail: '' },
        channel: 'hotline',
        reporterName: '热线：李阿姨',
        reporterPhone: '13800000000',
      },
    });
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({ channel: 'hotline', reporterName: '热线：李阿姨', gridId: 'chunhui-g2' });
    const grid2 = await call('GET', `${C}/feedback?gridId=chunhui-g2&category=elderly_help`, {
      token: await signIn('grid-zhang'),
    });
    expect(grid2.body.items.map((r: { reportId: string }) => r.reportId)).toContain(entered.body.reportId);
    const notMine = await call('GET', `${C}/feedback?gridId=chunhui-g3`, { token: await signIn('grid-zhang') });
    expect(notMine.status).toBe(403);
    const badStatus = await call('GET', `${C}/feedback?status=lost`, { token: await signIn('admin-chunhui') });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details[0].field).toBe('query.status');
  });

  it('hides internal notes from the reporter and the report from other residents', async () => {
    const id = (
      await submit('resident-wang', { ...REPORT, category: 'dispute', description: '楼上漏水到我家，协商不成' })
    ).body.reportId;
    await act('grid-zhang', id, { action: 'note', text: '该户为租户，已联系房东' });
    await act('grid-zhang', id, { action: 'reply', templateId: 'received' });
    const asReporter = await call('GET', `${C}/feedback/${id}`, { token: await signIn('resident-wang') });
    const asStaff = await call('GET', `${C}/feedback/${id}`, { token: await signIn('grid-zhang') });
    const asNeighbour = await call('GET', `${C}/feedback/${id}`, { token: await signIn('resident-li') });
    const asForeign = await call('GET', `/v1/communities/fengqiao/feedback/${id}`, {
      token: await signIn('admin-fengqiao'),
    });
    expect(asReporter.body.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'reply']);
    expect(asReporter.body.events[1].text).toContain('已收到');
    expect(asStaff.body.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'note', 'reply']);
    expect(asNeighbour.status).toBe(404);
    expect(asForeign.status).toBe(404);
  });

  it('refuses actions the state machine does not give: 403 for the wrong person, 409 for the wrong state', async () => {
    const id = (
      await submit('resident-wang', { ...REPORT, category: 'parking', description: '消防通道上长期停着一辆白色轿车' })
    ).body.reportId;
    const byReporter = await act('resident-wang', id, { action: 'accept' });
    const wrongState = await act('resident-wang', id, { action: 'confirm', rating: 5 });
    const badRating = await act('resident-wang', id, { action: 'confirm', rating: 9 });
    const unknown = await act('resident-wang', id, { action: 'teleport' });
    expect(byReporter.status).toBe(403);
    expect(byReporter.body.error.code).toBe('FEEDBACK_ACTION_FORBIDDEN');
    expect(wrongState.status).toBe(409);
    expect(wrongState.body.error.code).toBe('FEEDBACK_WRONG_STATE');
    expect(badRating.status).toBe(400);
    expect(badRating.body.error.details[0].field).toBe('body.rating');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('body.action');
  });
});

describe('the answer to an action', () => {
  /** Presigned photo links carry the moment they were signed: compare them without it. */
  const unsigned = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/\?X-Amz-[^"]*/g, ''));

  it('is the report and its timeline exactly as a fresh read shows them, to staff and to the resident', async () => {
    const photo = await uploadPhoto(await signIn('resident-wang'), 'chunhui', 'feedback');
    const proof = await uploadPhoto(await signIn('property-chen'), 'chunhui', 'proof');
    const id = (await submit('resident-wang', { ...REPORT, photos: [photo] })).body.reportId as string;
    const read = async (persona: string) =>
      (await call('GET', `${C}/feedback/${id}`, { token: await signIn(persona) })).body;
    const steps: [string, Record<string, unknown>][] = [
      ['grid-zhang', { action: 'accept' }],
      ['grid-zhang', { action: 'note', text: '已联系物业，明早带工具' }],
      ['grid-zhang', { action: 'reply', text: '已安排疏通，请稍候' }],
      ['grid-zhang', { action: 'dispatch', target: { kind: 'property' } }],
      ['property-chen', { action: 'arrive' }],
      ['property-chen', { action: 'resolve', note: '已疏通，路面已冲洗', photos: [proof] }],
      ['resident-wang', { action: 'confirm', rating: 5 }],
    ];
    for (const [persona, body] of steps) {
      const answered = await act(persona, id, body);
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      expect(unsigned(answered.body), String(body.action)).toEqual(unsigned(await read(persona)));
    }
    // The resident never saw the internal note, in an answer or a read.
    expect(JSON.stringify(await read('resident-wang'))).not.toContain('明早带工具');
  });

  it('carries the system’s own note and a neighbour joining, as a fresh read does', async () => {
    const id = (await submit('resident-wang')).body.reportId as string;
    const read = async (persona: string) =>
      (await call('GET', `${C}/feedback/${id}`, { token: await signIn(persona) })).body;
    const joined = await act('resident-li', id, { action: 'join' });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect(unsigned(joined.body)).toEqual(unsigned(await read('resident-li')));
    expect((await act('grid-zhang', id, { action: 'accept' })).status).toBe(200);
    // Going up to the committee writes the action and the committee's deadline (a system event) at once.
    const escalated = await act('grid-zhang', id, { action: 'escalate', reason: '涉及公共管网，需要社区协调' });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    expect(escalated.body.events.map((e: { kind: string }) => e.kind).slice(-2)).toEqual([
      'escalate',
      'committee_deadline',
    ]);
    expect(unsigned(escalated.body)).toEqual(unsigned(await read('grid-zhang')));
  });
});
