// @vitest-environment jsdom
/**
 * Subscription consents asked at the moments that matter, in the real weapp
 * build: the workbench's 接收派单提醒 shows how many task reminders are left,
 * asks WeChat for the task template on the tap and reports the grant (staff
 * who get no tasks do not see it); reserving rewards asks for the pickup
 * reminder before the reservation goes out.
 */
import type { Role } from '@linli/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMUNITY, HOUSEHOLD } from './fixtures';
import { byClass, type RenderedPage, renderPage, signedIn, tap, tappable, textOf, waitFor } from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const NONE_LEFT = {
  feedback_accepted: 0,
  feedback_resolved: 0,
  feedback_reply: 0,
  feedback_task: 0,
  pickup_reminder: 0,
};

function me(role: Role) {
  return {
    user: { userId: `u-${role}`, nickname: '张丽', createdAt: '2026-11-01T00:00:00Z' },
    memberships: [
      {
        communityId: 'chunhui',
        communityName: '春晖社区',
        roles: [role],
        gridIds: role === 'grid_worker' ? ['chunhui-g1'] : [],
        stationIds: role === 'station_operator' ? ['chunhui-s1'] : [],
        household: role === 'resident' ? HOUSEHOLD : null,
      },
    ],
    households: role === 'resident' ? [HOUSEHOLD] : [],
  };
}

/** A signed-in person; the API answers from `routes`, WeChat's dialog with `answer`. */
function signedInWith(
  routes: (method: string, path: string, body: unknown) => unknown,
  answer: Record<string, string>,
) {
  return signedIn({ routes, respond: (api) => (api === 'requestSubscribeMessage' ? answer : undefined) });
}

/** The innermost element with class `className` and text `label`, once it is drawn. */
const button = (p: RenderedPage, label: string, className = 'nut-button') =>
  waitFor(() => tappable(p, label, className));

describe('task reminders on the workbench', () => {
  it('shows the reminders left, asks WeChat for the task template on the tap and reports the grant', async () => {
    // Prepare: a grid worker with one reminder left; the server counts each grant
    let left = 1;
    const grants: unknown[] = [];
    const recorder = signedInWith(
      (method, path, body) => {
        if (path === '/v1/me') return me('grid_worker');
        if (path !== '/v1/me/subscriptions') return undefined;
        if (method === 'POST') {
          grants.push(body);
          left += 1;
        }
        return { remaining: { ...NONE_LEFT, feedback_task: left } };
      },
      { 'local-feedback-task': 'accept' },
    );
    const p = await renderPage('packages/staff/workbench/index', { communityId: 'chunhui' });
    page = p;
    await waitFor(() => expect(p.dom.textContent).toContain('还可收到 1 次派单提醒'));
    expect(page.dom.textContent).toContain('每点一次');

    // Act
    tap(p, await button(p, '接收派单提醒'));
    await waitFor(() => expect(p.dom.textContent).toContain('还可收到 2 次派单提醒'));

    // Assess: WeChat was asked for the task template alone, then the grant went to the server
    const asks = recorder.calls.filter((c) => c.api === 'requestSubscribeMessage');
    expect(asks.map((c) => (c.options as { tmplIds?: string[] }).tmplIds)).toEqual([['local-feedback-task']]);
    expect(grants).toEqual([{ accepted: ['feedback_task'] }]);
    const askedAt = recorder.calls.findIndex((c) => c.api === 'requestSubscribeMessage');
    const grantAt = recorder.calls.findIndex(
      (c) => c.api === 'request' && (c.options as { method?: string }).method === 'POST',
    );
    expect(grantAt).toBeGreaterThan(askedAt);
    expect(page.dom.textContent).toContain('还可收到 2 次派单提醒');
  });
});

describe('who sees task reminders', () => {
  it('is not offered to a station operator, who is sent no reports', async () => {
    // Prepare
    const recorder = signedInWith((_method, path) => {
      if (path === '/v1/me') return me('station_operator');
      if (path === '/v1/me/subscriptions') return { remaining: NONE_LEFT };
      return undefined;
    }, {});
    recorder.calls.length = 0;

    // Act
    const p = await renderPage('packages/staff/workbench/index', { communityId: 'chunhui' });
    page = p;

    // Assess
    await waitFor(() => expect(p.dom.textContent).toContain('称重记积分'));
    const text = page.dom.textContent ?? '';
    expect(text).toContain('称重记积分');
    expect(text).not.toContain('接收派单提醒');
    expect(recorder.calls.some((c) => c.api === 'requestSubscribeMessage')).toBe(false);
  });
});

describe('reserving rewards for exchange day', () => {
  const STATION = { stationId: 'chy-s1', estateId: 'chunhui-yuan', name: '春晖服务站', address: '春晖苑 1幢 底楼' };
  const SOAP = {
    rewardId: 'r-soap',
    name: '洗衣皂',
    description: '',
    pointsCost: 20,
    imageUrl: null,
    monthlyLimit: null,
    active: true,
    stock: [{ stationId: STATION.stationId, stationName: STATION.name, quantity: 5 }],
  };

  it('asks WeChat for the pickup reminder on the 预约兑换 tap, reports it, then reserves', async () => {
    // Prepare: exchange day is open and 王秀英 has 100 points
    const posts: { path: string; body: unknown }[] = [];
    const recorder = signedInWith(
      (method, path, body) => {
        if (method === 'POST') posts.push({ path, body });
        if (path === '/v1/me') return me('resident');
        if (path === '/v1/communities/chunhui') return { ...COMMUNITY, stations: [STATION] };
        if (path === '/v1/communities/chunhui/points/me')
          return {
            communityId: 'chunhui',
            balance: 100,
            month: '2026-12',
            earnedThisMonth: 0,
            spentThisMonth: 0,
            exchange: { open: true, window: { opensAt: '', closesAt: '', description: '12月6日 08:30–17:00' } },
          };
        if (path === '/v1/communities/chunhui/rewards') return { items: [SOAP] };
        if (path === '/v1/me/subscriptions') return { remaining: { ...NONE_LEFT, pickup_reminder: 1 } };
        if (path === '/v1/communities/chunhui/redemptions')
          return {
            redemptionId: 'rd-1',
            communityId: 'chunhui',
            residentName: '王秀英',
            stationId: STATION.stationId,
            stationName: STATION.name,
            items: [{ rewardId: SOAP.rewardId, name: SOAP.name, quantity: 1, pointsCost: 20 }],
            totalPoints: 20,
            status: 'reserved',
            statusLabel: '待领取',
            pickupCode: '482913',
            createdAt: '2026-12-06T01:00:00.000Z',
            windowClosesAt: '2026-12-06T09:00:00.000Z',
            fulfilledAt: null,
            cancelledAt: null,
            cancelReason: null,
          };
        return undefined;
      },
      { 'local-pickup-reminder': 'accept' },
    );
    recorder.calls.length = 0;
    const p = await renderPage('packages/points/rewards/index');
    page = p;
    await waitFor(() => expect(p.dom.textContent).toContain('今天是兑换日'));

    // Act: one bar of soap, then 预约兑换
    tap(p, await button(p, '＋', 'item-pick__more'));
    await waitFor(() => expect(textOf(byClass(p, 'shelves__total'))).toBe('20'));
    tap(p, await button(p, '预约兑换'));
    await waitFor(() => expect(p.dom.textContent).toContain('预约成功'));

    // Assess: the pickup reminder was asked, reported, and the reservation made after it
    const asks = recorder.calls.filter((c) => c.api === 'requestSubscribeMessage');
    expect(asks.map((c) => (c.options as { tmplIds?: string[] }).tmplIds)).toEqual([['local-pickup-reminder']]);
    expect(posts).toEqual([
      { path: '/v1/me/subscriptions', body: { accepted: ['pickup_reminder'] } },
      {
        path: '/v1/communities/chunhui/redemptions',
        body: { stationId: STATION.stationId, items: [{ rewardId: SOAP.rewardId, quantity: 1 }] },
      },
    ]);
    expect(page.dom.textContent).toContain('预约成功');
  });
});
