/**
 * The exchange-day close with a backlog: 2,000 reservations nobody picked up
 * (in 枫桥社区; run before anything else leaves reservations), then the close sweep
 * tick after tick (`POST /v1/dev/sweeps`, each tick within its budget) until
 * every one is refunded. Prints how long it took and in how many ticks.
 */
import { randomUUID } from 'node:crypto';

type Figure = (name: string, value: string | number) => void;

const C = '/v1/communities/fengqiao';
const RESERVATIONS = 2_000;
const RESIDENTS = 40;
const CONCURRENCY = 8;
const TICK_BUDGET_MS = 8_000;

export async function exchangeCloseBenchmark(apiUrl: string, figure: Figure) {
  const api = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: bench responses are read field by field
    const json = (await res.json().catch(() => null)) as any;
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  // Prepare: the counter open all day, a reward with a deep shelf, residents with points, 2,000 reservations.
  const admin = (await api('POST', '/v1/auth/dev', { persona: 'admin-fengqiao' })).token as string;
  const { settings } = await api('GET', C, undefined, admin);
  await api(
    'PUT',
    `${C}/settings`,
    { version: settings.version, exchangeDay: { mode: 'daily', dayOfMonth: 1, opensAt: '00:00', closesAt: '24:00' } },
    admin,
  );
  const { rewardId } = await api(
    'POST',
    `${C}/rewards`,
    { name: '收摊压测品', description: '', pointsCost: 1, imageKey: null, monthlyLimit: null, active: true },
    admin,
  );
  await api(
    'POST',
    `${C}/rewards/${rewardId}/stock`,
    { stationId: 'fengqiao-center', delta: 10_000, reason: '压测备货' },
    admin,
  );
  const residents: string[] = [];
  for (let i = 0; i < RESIDENTS; i++) {
    const signedIn = await api('POST', '/v1/auth/wechat', { code: `closer${i}.1` });
    const asked = await api(
      'POST',
      `${C}/households`,
      { estateId: 'fengqiao-xincun', buildingId: 'fqx-b1', unit: 1, room: `${500 + i}`, relation: 'owner' },
      signedIn.token,
    );
    await api('POST', `${C}/households/${asked.householdId}/approve`, undefined, admin);
    await api(
      'POST',
      `${C}/points/adjustments`,
      { userId: signedIn.user.userId, points: 1_000, reason: '压测积分' },
      admin,
    );
    residents.push(signedIn.token);
  }
  let made = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (made < RESERVATIONS) {
        const token = residents[made++ % RESIDENTS] as string;
        await api(
          'POST',
          `${C}/redemptions`,
          { stationId: 'fengqiao-center', items: [{ rewardId, quantity: 1 }] },
          token,
        );
      }
    }),
  );

  // Act: the close, as if it were just after midnight, tick after tick until nothing is left.
  const now = new Date(Date.now() + 24 * 3600_000).toISOString();
  let ticks = 0;
  let refunded = 0;
  const started = performance.now();
  for (;;) {
    ticks++;
    const { results } = await api('POST', '/v1/dev/sweeps', {
      now,
      sweeps: ['exchange-close'],
      budgetMs: TICK_BUDGET_MS,
    });
    const close = results.find((r: { name: string }) => r.name === 'exchange-close');
    if (close?.failed) throw new Error('the exchange-close sweep failed');
    refunded += close?.changed ?? 0;
    if (!close?.more || ticks > 50) break;
  }
  const seconds = (performance.now() - started) / 1000;
  figure('exchange_close_reservations', RESERVATIONS);
  figure('exchange_close_refunded', refunded);
  figure('exchange_close_tick_budget_ms', TICK_BUDGET_MS);
  figure('exchange_close_ticks', ticks);
  figure('exchange_close_seconds', seconds.toFixed(1));
  figure('exchange_close_refunds_per_s', (refunded / seconds).toFixed(0));
}
