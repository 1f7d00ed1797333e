/**
 * The exchange-morning reminder with a backlog, on a clock its calls move: a
 * tick that runs out of time leaves the rest for the next, and the next tick
 * skips what was reminded a hundred at a time instead of paying a round trip
 * for each, so it carries on where the first stopped.
 */
import { describe, expect, it } from 'vitest';
import { localEnv } from './local-env.js';

localEnv();
const { remindPickups } = await import('../../functions/src/domain/points/redeem.js');

const WAITING = 2_000;
/** What one DynamoDB round trip costs on the fake clock. */
const ROUND_TRIP_MS = 5;

function district() {
  let ms = 0;
  const messages = new Map<string, unknown>();
  const calls = { existing: 0, get: 0, put: 0 };
  const waiting = Array.from({ length: WAITING }, (_, i) => ({
    redemptionId: `r${String(i).padStart(5, '0')}`,
    userId: `u${i % 50}`,
    communityId: 'chunhui',
    status: 'reserved',
    stationName: '春晖服务站',
    windowClosesAt: '2026-03-06T15:59:59.999Z',
    items: [{ rewardId: 'towel', name: '毛巾', quantity: 1, pointsEach: 100 }],
    totalPoints: 100,
  }));
  const deps = {
    communities: { list: async () => ({ items: [{ communityId: 'chunhui' }], cursor: null }) },
    points: {
      waitingBetween: async () => {
        ms += ROUND_TRIP_MS;
        return waiting;
      },
      getRedemption: async (_c: string, id: string) => {
        ms += ROUND_TRIP_MS;
        calls.get++;
        return waiting.find((w) => w.redemptionId === id);
      },
    },
    messages: {
      existing: async (ids: { userId: string; messageId: string }[]) => {
        ms += ROUND_TRIP_MS;
        calls.existing++;
        expect(ids.length).toBeLessThanOrEqual(100);
        return new Set(ids.map((i) => `${i.userId}/${i.messageId}`).filter((k) => messages.has(k)));
      },
      put: async (drafts: { userId: string; messageId: string }[]) => {
        ms += ROUND_TRIP_MS;
        calls.put++;
        for (const d of drafts) messages.set(`${d.userId}/${d.messageId}`, d);
      },
    },
  };
  /** One tick of `share` ms of the fake clock. */
  const tick = (share: number) => {
    const until = ms + share;
    return remindPickups(deps as never, new Date('2026-03-06T00:30:00Z'), { spent: () => ms >= until });
  };
  return { tick, messages, calls };
}

describe('the pickup reminder with a backlog', () => {
  it('stops when its share is spent and carries on from there on the next tick, once per reservation', async () => {
    // Prepare: a share that reminds about a quarter of the backlog (two round trips each)
    const { tick, messages, calls } = district();
    const share = (WAITING / 4) * 2 * ROUND_TRIP_MS;
    // Act
    const first = await tick(share);
    const second = await tick(share);
    const rest = [];
    for (let i = 0; i < 5 && (rest.at(-1)?.more ?? true); i++) rest.push(await tick(share));
    // Assess: the second tick reminded as many as the first: what was done cost it a BatchGet per hundred
    expect(first.more).toBe(true);
    expect(first.changed).toBeGreaterThan(WAITING / 5);
    expect(second.more).toBe(true);
    expect(second.changed).toBeGreaterThanOrEqual(first.changed - 20);
    expect(rest.at(-1)?.more).toBeUndefined();
    expect(first.changed + second.changed + rest.reduce((s, r) => s + r.changed, 0)).toBe(WAITING);
    expect(messages.size).toBe(WAITING);
    expect(calls.put).toBe(WAITING);
    expect(calls.get).toBe(WAITING);
    // A last tick finds everything reminded and writes nothing.
    expect(await tick(share)).toEqual({ changed: 0 });
  });
});
