/**
 * The street office keeps its units (部门报到): it writes a unit's account
 * (name, kind, service area among the street's communities), gives its staff
 * a code to join it, sees who works for it and takes people out of it.
 */
import { randomInt } from 'node:crypto';
import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type UnitBody,
  type UnitInviteList,
  type UnitMembership,
  ValidationError,
} from '@linli/shared';
import type { StreetsRepository } from '../../data/streets.js';
import type { UnitsRepository } from '../../data/units.js';
import type { UsersRepository } from '../../data/users.js';
import { unitView } from './desks.js';

export interface UnitAdminDeps {
  units: Pick<
    UnitsRepository,
    | 'get'
    | 'put'
    | 'members'
    | 'putMembership'
    | 'removeMembership'
    | 'putInvite'
    | 'openInvites'
    | 'redeemInvite'
    | 'revokeInvite'
  >;
  streets: Pick<StreetsRepository, 'get'>;
  users: Pick<UsersRepository, 'nicknames'>;
  now: () => Date;
}

const INVITE_DAYS = 7;
/** Letters and digits a person reads out without doubt: no 0/O, 1/I/L. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The street's own unit, or why not: unknown (404), or another street's (403). */
async function ownUnit(deps: Pick<UnitAdminDeps, 'units'>, streetId: string, unitId: string) {
  const unit = await deps.units.get(unitId);
  if (!unit) throw new NotFoundError('UNIT_NOT_FOUND', '找不到该单位');
  if (unit.streetId !== streetId) throw new ForbiddenError('UNIT_OF_ANOTHER_STREET', '该单位属于其他街道');
  return unit;
}

/** Creates the unit or rewrites its account; its service area must be communities of the street. */
export async function saveUnit(deps: UnitAdminDeps, streetId: string, unitId: string, body: UnitBody) {
  const [street, existing] = await Promise.all([deps.streets.get(streetId), deps.units.get(unitId)]);
  if (!street) throw new NotFoundError('STREET_NOT_FOUND', '找不到该街道');
  if (existing && existing.streetId !== streetId)
    throw new ForbiddenError('UNIT_OF_ANOTHER_STREET', '该单位属于其他街道');
  const names = new Map(street.communities.map((c) => [c.communityId, c.name]));
  const outside = body.communityIds.flatMap((id, i) =>
    names.has(id) ? [] : [{ field: `body.communityIds.${i}`, message: '该社区不属于本街道' }],
  );
  if (outside.length) throw new ValidationError(outside);
  const unit = {
    unitId,
    name: body.name,
    unitKind: body.kind,
    streetId,
    communities: body.communityIds.map((communityId) => ({ communityId, name: names.get(communityId) ?? communityId })),
  };
  await deps.units.put(unit);
  return unitView(unit);
}

/** A fresh code for the unit's staff to join it; a taken code (one in a billion) is drawn again. */
export async function inviteToUnit(deps: UnitAdminDeps, adminId: string, streetId: string, unitId: string) {
  const unit = await ownUnit(deps, streetId, unitId);
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const written = await deps.units.putInvite({
      code,
      unitId,
      unitName: unit.name,
      streetId,
      createdBy: adminId,
      createdAt: now.toISOString(),
      expiresAt: Math.floor(expiresAt.getTime() / 1000),
      uses: 0,
    });
    if (written) return { code, unitId, unitName: unit.name, expiresAt: expiresAt.toISOString() };
  }
  throw new ConflictError('UNIT_INVITE_BUSY', '邀请码生成失败，请重试');
}

/** Now in the epoch seconds an invite's `expiresAt` holds. */
const epochSeconds = (deps: Pick<UnitAdminDeps, 'now'>) => Math.floor(deps.now().getTime() / 1000);

/** The unit's codes still good (not past, not revoked), newest first, with who made them and how often they served. */
export async function unitInvites(deps: UnitAdminDeps, streetId: string, unitId: string): Promise<UnitInviteList> {
  await ownUnit(deps, streetId, unitId);
  const open = await deps.units.openInvites(unitId, epochSeconds(deps));
  const names = await deps.users.nicknames([...new Set(open.map((i) => i.createdBy))]);
  return {
    items: open.map((i) => ({
      code: i.code,
      createdAt: i.createdAt,
      expiresAt: new Date(i.expiresAt * 1000).toISOString(),
      createdBy: names.get(i.createdBy) ?? '已注销用户',
      uses: i.uses,
    })),
  };
}

/** Revokes one of the unit's open codes (撤销, say it went to the wrong group): redeeming it is refused from now on. */
export async function revokeUnitInvite(deps: UnitAdminDeps, streetId: string, unitId: string, code: string) {
  await ownUnit(deps, streetId, unitId);
  if (!(await deps.units.revokeInvite(code, unitId, epochSeconds(deps))))
    throw new NotFoundError('UNIT_INVITE_NOT_FOUND', '找不到该邀请码，它可能已被撤销或已过期');
  return unitInvites(deps, streetId, unitId);
}

/** The caller joins the unit whose code they were given (加入单位); a revoked or past code is refused as unknown. */
export async function joinUnit(deps: UnitAdminDeps, userId: string, code: string): Promise<UnitMembership> {
  const invite = await deps.units.redeemInvite(code, epochSeconds(deps));
  if (!invite)
    throw new BusinessRuleError('UNIT_INVITE_INVALID', '邀请码不正确或已过期，请向街道索取新的邀请码', [
      { field: 'body.code', message: '邀请码不正确或已过期' },
    ]);
  const unit = await deps.units.get(invite.unitId);
  if (!unit) throw new NotFoundError('UNIT_NOT_FOUND', '找不到该单位');
  const membership = { userId, unitId: unit.unitId, unitName: unit.name, roles: ['unit_staff' as const] };
  await deps.units.putMembership(membership);
  return { unitId: membership.unitId, unitName: membership.unitName, roles: membership.roles };
}

/** Who works for the unit, by name. */
export async function unitMembers(deps: UnitAdminDeps, streetId: string, unitId: string) {
  await ownUnit(deps, streetId, unitId);
  const members = await deps.units.members(unitId);
  const names = await deps.users.nicknames(members.map((m) => m.userId));
  return {
    items: members
      .map((m) => ({ userId: m.userId, name: names.get(m.userId) ?? '已注销用户' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
  };
}

/** Takes a person out of the unit: its queue refuses them within a minute in every container. */
export async function removeUnitMember(deps: UnitAdminDeps, streetId: string, unitId: string, userId: string) {
  await ownUnit(deps, streetId, unitId);
  if (!(await deps.units.removeMembership(userId, unitId)))
    throw new NotFoundError('UNIT_MEMBER_NOT_FOUND', '该人员不在本单位');
  return unitMembers(deps, streetId, unitId);
}
