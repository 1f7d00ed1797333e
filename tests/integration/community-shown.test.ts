/**
 * `communities.shown` (functions/src/data/communities.ts): what a read shows beside its own data comes from the
 * container's minute-long memory of the community. Checked against DynamoDB Local with the real repository and a
 * clock the test moves: a change made in the same container is seen at once, one made in another within 60 s.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createCommunitiesRepository, SHOWN_TTL_MS } from '../../functions/src/data/communities.js';
import { countRoundTrips } from '../../functions/src/data/round-trips.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const table = createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint') });

describe('the community as a read shows it', () => {
  it('is read once a minute per container, and a change elsewhere shows within the minute', async () => {
    let clock = Date.parse('2026-12-03T02:00:00Z');
    const here = createCommunitiesRepository(table, { now: () => clock });
    const elsewhere = createCommunitiesRepository(table, { now: () => clock });
    const demo = await here.get('chunhui');
    if (!demo) throw new Error('the demo community is missing');
    const communityId = `shown-${randomUUID().slice(0, 8)}`;
    const station = demo.stations[0];
    if (!station) throw new Error('the demo community has no station');
    await elsewhere.put({ ...demo, communityId, name: '试读社区', stations: [{ ...station, name: '东门服务站' }] });

    const first = await countRoundTrips(() => here.shown(communityId));
    expect(first.result?.stations.map((s) => s.name)).toEqual(['东门服务站']);
    expect(first.calls).toBe(1);
    const again = await countRoundTrips(() => here.shown(communityId));
    expect(again.calls).toBe(0);
    expect(again.result?.name).toBe('试读社区');

    // Renamed in another container: this one shows the old name until its minute is up, then the new one.
    await elsewhere.put({ ...demo, communityId, name: '试读社区', stations: [{ ...station, name: '西门服务站' }] });
    clock += SHOWN_TTL_MS - 1;
    expect((await here.shown(communityId))?.stations.map((s) => s.name)).toEqual(['东门服务站']);
    clock += 2;
    expect((await here.shown(communityId))?.stations.map((s) => s.name)).toEqual(['西门服务站']);

    // A change made in this container, and a fresh `get` anywhere, are seen at once.
    await here.put({ ...demo, communityId, name: '试读社区', stations: [{ ...station, name: '南门服务站' }] });
    expect((await here.shown(communityId))?.stations.map((s) => s.name)).toEqual(['南门服务站']);
    await elsewhere.shown(communityId);
    await here.put({ ...demo, communityId, name: '试读社区', stations: [{ ...station, name: '北门服务站' }] });
    expect((await elsewhere.get(communityId))?.stations.map((s) => s.name)).toEqual(['北门服务站']);
    expect((await countRoundTrips(() => elsewhere.shown(communityId))).result?.stations[0]?.name).toBe('北门服务站');
  });

  it('remembers no community that is not there', async () => {
    const repo = createCommunitiesRepository(table);
    const missing = `missing-${randomUUID().slice(0, 8)}`;
    expect(await repo.shown(missing)).toBeUndefined();
    expect((await countRoundTrips(() => repo.shown(missing))).calls).toBe(1);
  });
});
