/**
 * A report's place, as a resident files it: a building, a point on the map or
 * a place description (at least one), the point checked and kept beside the
 * building, and what it was before for reports with a building.
 */
import { describe, expect, inject, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';

const C = '/v1/communities/chunhui';
const REPORT = { category: 'sanitation', description: '小区东门外垃圾满了没人清' };

async function submit(location: Record<string, unknown>) {
  return call('POST', `${C}/feedback`, {
    token: await signIn('resident-wang'),
    idempotencyKey: newKey(),
    body: { ...REPORT, location },
  });
}

describe('where a resident’s report is', () => {
  it('refuses an estate alone, with a Chinese message naming the place fields', async () => {
    // Act
    const res = await submit({ estateId: 'chunhui-yuan', buildingId: null, unit: null, detail: '  ' });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'body.location.detail', message: '请选择楼栋、在地图上标出位置，或填写具体位置' },
    ]);
  });

  it('takes a point on the map instead of a building, keeps it, and gives the report to the estate’s grid', async () => {
    // Act
    const res = await submit({
      estateId: 'chunhui-yuan',
      buildingId: null,
      unit: null,
      point: { lat: 30.2741, long: 120.1551 },
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.location).toEqual({
      estateId: 'chunhui-yuan',
      buildingId: null,
      unit: null,
      detail: '',
      address: '春晖苑',
      point: { lat: 30.2741, long: 120.1551 },
    });
    // As before for a report without a building: the estate's first grid owns it.
    const community = await call('GET', C, { token: await signIn('resident-wang') });
    const first = community.body.grids.find((g: { estateId: string }) => g.estateId === 'chunhui-yuan');
    expect(res.body.gridId).toBe(first.gridId);
    const mine = await call('GET', `${C}/feedback/${res.body.reportId}`, { token: await signIn('resident-wang') });
    expect(mine.body.report.location.point).toEqual({ lat: 30.2741, long: 120.1551 });
  });

  it('takes a place description alone, and keeps a report with a building as before, with no point', async () => {
    const described = await submit({ estateId: 'chunhui-yuan', buildingId: null, unit: null, detail: '东门垃圾房旁' });
    const building = await submit({ estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '' });
    expect(described.status).toBe(201);
    expect(described.body.location).toMatchObject({
      detail: '东门垃圾房旁',
      address: '春晖苑 东门垃圾房旁',
      point: null,
    });
    expect(building.status).toBe(201);
    expect(building.body.location).toEqual({
      estateId: 'chunhui-yuan',
      buildingId: 'chy-b3',
      unit: 2,
      detail: '',
      address: '春晖苑 3幢 2单元',
      point: null,
    });
    expect(building.body.gridId).toBe('chunhui-g1');
  });

  it.each([
    [{ lat: 90.5, long: 120 }, 'body.location.point.lat'],
    [{ lat: 30, long: -180.5 }, 'body.location.point.long'],
    [{ lat: 30 }, 'body.location.point.long'],
    [{ lat: '30', long: 120 }, 'body.location.point.lat'],
    [{ lat: 30, long: 120, alt: 5 }, 'body.location.point'],
  ])('refuses the point %j, naming %s', async (point, field) => {
    const res = await submit({ estateId: 'chunhui-yuan', buildingId: null, unit: null, point });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
  });

  it('shows a pin to its reporter and the staff, not to a neighbour who joins it, nor over Open311', async () => {
    // Prepare: a pin at a window, beside the building
    const point = { lat: 30.27402, long: 120.15433 };
    const filed = await submit({ estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, point });
    expect(filed.status).toBe(201);
    const id = filed.body.reportId;
    const joined = await call('POST', `${C}/feedback/${id}/events`, {
      token: await signIn('resident-li'),
      idempotencyKey: newKey(),
      body: { action: 'join' },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    // Act
    const seenBy = async (persona: string) =>
      (await call('GET', `${C}/feedback/${id}`, { token: await signIn(persona) })).body.report.location;
    const open311 = await fetch(`${inject('apiUrl')}/open311/v2/requests/${id}.json?jurisdiction_id=chunhui`);
    // Assess
    expect((await seenBy('resident-wang')).point).toEqual(point);
    expect((await seenBy('grid-zhang')).point).toEqual(point);
    expect(await seenBy('resident-li')).toMatchObject({ buildingId: 'chy-b3', point: null });
    expect(open311.status).toBe(200);
    expect(((await open311.json()) as unknown[])[0]).toMatchObject({ service_request_id: id, lat: null, long: null });
  });
});
