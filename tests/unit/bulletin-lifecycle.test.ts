/**
 * The bulletin lifecycle in shared/: who may do what in which state, where
 * each action leads, and what the publish sweep takes.
 */
import {
  allowedBulletinActions,
  audienceBuildings,
  type BulletinFacts,
  bulletinRefusal,
  nextBulletinStatus,
  publishesOnTime,
} from '@linli/shared';
import { describe, expect, it } from 'vitest';

const AUTHOR = { userId: 'u-zhao', roles: ['admin'] as const };
const SECOND = { userId: 'u-sun', roles: ['admin'] as const };
const RESIDENT = { userId: 'u-wang', roles: ['resident'] as const };
const facts = (status: BulletinFacts['status'], publishAt: string | null = null): BulletinFacts => ({
  status,
  authorId: AUTHOR.userId,
  publishAt,
});

describe('street bulletins', () => {
  const QIAN = { userId: 'u-qian', roles: ['street_admin'] as const };
  const WU = { userId: 'u-wu', roles: ['street_admin'] as const };
  const ofQian = (status: BulletinFacts['status']): BulletinFacts => ({
    status,
    authorId: QIAN.userId,
    publishAt: null,
  });

  it('take the same steps at the street: a second street admin approves, never the author', () => {
    expect(allowedBulletinActions(QIAN, ofQian('draft'))).toEqual(['edit', 'submit']);
    expect(allowedBulletinActions(QIAN, ofQian('submitted'))).toEqual(['edit', 'reject', 'withdraw']);
    expect(allowedBulletinActions(WU, ofQian('submitted'))).toEqual(['edit', 'approve', 'reject', 'withdraw']);
    expect(bulletinRefusal('approve', QIAN, ofQian('submitted'))).toBe('self_approval');
  });

  it('have copies in their communities that nobody changes there, an admin of the community included', () => {
    const copy = { ...facts('published'), authorId: QIAN.userId, origin: { streetId: 'changhe' } };
    expect(allowedBulletinActions(SECOND, copy)).toEqual([]);
    expect(bulletinRefusal('withdraw', SECOND, copy)).toBe('street');
    expect(bulletinRefusal('withdraw', RESIDENT, copy)).toBe('role');
  });
});

describe('allowed actions', () => {
  it('follows draft → submitted → approved by a second admin → published, withdrawable on the way', () => {
    expect(allowedBulletinActions(AUTHOR, facts('draft'))).toEqual(['edit', 'submit']);
    expect(allowedBulletinActions(AUTHOR, facts('submitted'))).toEqual(['edit', 'reject', 'withdraw']);
    expect(allowedBulletinActions(SECOND, facts('submitted'))).toEqual(['edit', 'approve', 'reject', 'withdraw']);
    expect(allowedBulletinActions(SECOND, facts('approved'))).toEqual(['edit', 'withdraw']);
    expect(allowedBulletinActions(SECOND, facts('published'))).toEqual(['edit', 'withdraw']);
    expect(allowedBulletinActions(SECOND, facts('withdrawn'))).toEqual([]);
    expect(allowedBulletinActions(RESIDENT, facts('published'))).toEqual([]);
  });

  it('says why an action is refused: the role first, then the state, then who reviews', () => {
    expect(bulletinRefusal('approve', RESIDENT, facts('draft'))).toBe('role');
    expect(bulletinRefusal('approve', AUTHOR, facts('draft'))).toBe('state');
    expect(bulletinRefusal('approve', AUTHOR, facts('submitted'))).toBe('self_approval');
    expect(bulletinRefusal('edit', SECOND, facts('withdrawn'))).toBe('state');
    expect(bulletinRefusal('withdraw', AUTHOR, facts('submitted'))).toBeNull();
  });
});

describe('where an action leads', () => {
  const now = '2026-11-23T08:00:00.000Z';

  it('publishes on approval when the time has come, and waits for the sweep otherwise', () => {
    expect(nextBulletinStatus('approve', facts('submitted'), now)).toBe('published');
    expect(nextBulletinStatus('approve', facts('submitted', '2026-11-23T07:59:00.000Z'), now)).toBe('published');
    expect(nextBulletinStatus('approve', facts('submitted', '2026-11-24T08:00:00.000Z'), now)).toBe('approved');
    expect(publishesOnTime(facts('approved', '2026-11-23T07:59:00.000Z'), now)).toBe(true);
    expect(publishesOnTime(facts('approved', '2026-11-24T08:00:00.000Z'), now)).toBe(false);
    expect(publishesOnTime(facts('withdrawn', '2026-11-23T07:59:00.000Z'), now)).toBe(false);
  });

  it('keeps a published bulletin published when edited (a new revision) and sends anything else back to draft', () => {
    expect(nextBulletinStatus('edit', facts('published'), now)).toBe('published');
    expect(nextBulletinStatus('edit', facts('approved'), now)).toBe('draft');
    expect(nextBulletinStatus('reject', facts('submitted'), now)).toBe('draft');
    expect(nextBulletinStatus('withdraw', facts('published'), now)).toBe('withdrawn');
  });
});

describe('the buildings an audience covers', () => {
  const buildings = [
    { buildingId: 'chy-b1', estateId: 'chunhui-yuan', gridId: 'chunhui-g1' },
    { buildingId: 'chy-b4', estateId: 'chunhui-yuan', gridId: 'chunhui-g2' },
    { buildingId: 'czy-b1', estateId: 'cuizhu-yuan', gridId: 'chunhui-g3' },
  ];

  it('are every building, an estate’s or a grid’s', () => {
    expect(audienceBuildings({ type: 'community' }, buildings)).toEqual(['chy-b1', 'chy-b4', 'czy-b1']);
    expect(audienceBuildings({ type: 'estates', estateIds: ['chunhui-yuan'] }, buildings)).toEqual([
      'chy-b1',
      'chy-b4',
    ]);
    expect(audienceBuildings({ type: 'grids', gridIds: ['chunhui-g2', 'chunhui-g3'] }, buildings)).toEqual([
      'chy-b4',
      'czy-b1',
    ]);
  });
});
