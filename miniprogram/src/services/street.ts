/** The street office's figures (街道工作台): every community of a street compared, and one community's months. */
import type { StreetBulletin, StreetBulletinBody, StreetFigures, Unit, UnitBody } from '@linli/shared';
import type { BulletinStatus } from '@linli/shared/rules';
import type * as z from 'zod';
import { type CsvFile, call, named, type Page } from './api';

export type { StreetBulletin };
/** What the street's editor sends: fields with defaults may be left out. */
export type StreetBulletinInput = z.input<typeof StreetBulletinBody>;

export const street = {
  figures: (streetId: string, from: string, to: string, communityId?: string): Promise<StreetFigures> =>
    call('GET /v1/streets/{streetId}/figures', {
      params: { streetId },
      query: communityId ? { from, to, communityId } : { from, to },
    }),
  figuresCsv: async (streetId: string, from: string, to: string): Promise<CsvFile> =>
    named(
      await call('GET /v1/streets/{streetId}/figures.csv', {
        params: { streetId },
        query: { from, to },
        accept: 'text/csv',
      }),
      `街道统计-${from}-${to}.csv`,
    ),
};

/** Street bulletins (街道公告): written and reviewed by the street's admins, read in its communities' feeds. */
export const streetBulletins = {
  list: (streetId: string, status: BulletinStatus, cursor?: string | null): Promise<Page<StreetBulletin>> =>
    call('GET /v1/streets/{streetId}/bulletins', {
      params: { streetId },
      query: { status, cursor: cursor ?? undefined },
    }),
  audience: (streetId: string) => call('GET /v1/streets/{streetId}/bulletins/audience', { params: { streetId } }),
  get: (streetId: string, bulletinId: string): Promise<StreetBulletin> =>
    call('GET /v1/streets/{streetId}/bulletins/{bulletinId}', { params: { streetId, bulletinId } }),
  create: (streetId: string, body: StreetBulletinInput, idempotencyKey: string): Promise<StreetBulletin> =>
    call('POST /v1/streets/{streetId}/bulletins', { params: { streetId }, body, idempotencyKey }),
  update: (streetId: string, bulletinId: string, body: StreetBulletinInput & { version: number }) =>
    call('PUT /v1/streets/{streetId}/bulletins/{bulletinId}', { params: { streetId, bulletinId }, body }),
  move: (streetId: string, bulletinId: string, step: 'submit' | 'approve' | 'withdraw'): Promise<StreetBulletin> =>
    call(`POST /v1/streets/{streetId}/bulletins/{bulletinId}/${step}`, { params: { streetId, bulletinId } }),
  reject: (streetId: string, bulletinId: string, reason: string): Promise<StreetBulletin> =>
    call('POST /v1/streets/{streetId}/bulletins/{bulletinId}/reject', {
      params: { streetId, bulletinId },
      body: { reason },
    }),
};

/** What the street's unit form sends. */
export type UnitInput = z.input<typeof UnitBody>;

/** The street's units (部门报到): their accounts, the codes their staff join with, their members. */
export const streetUnits = {
  list: async (streetId: string): Promise<Unit[]> =>
    (await call('GET /v1/streets/{streetId}/units', { params: { streetId } })).items,
  save: (streetId: string, unitId: string, body: UnitInput): Promise<Unit> =>
    call('PUT /v1/streets/{streetId}/units/{unitId}', { params: { streetId, unitId }, body }),
  invite: (streetId: string, unitId: string) =>
    call('POST /v1/streets/{streetId}/units/{unitId}/invites', { params: { streetId, unitId } }),
  /** The unit's codes still good (not past, not revoked), newest first. */
  invites: async (streetId: string, unitId: string) =>
    (await call('GET /v1/streets/{streetId}/units/{unitId}/invites', { params: { streetId, unitId } })).items,
  /** Revokes one of the unit's codes (撤销); answers the codes left. */
  revokeInvite: async (streetId: string, unitId: string, code: string) =>
    (
      await call('DELETE /v1/streets/{streetId}/units/{unitId}/invites/{code}', {
        params: { streetId, unitId, code },
      })
    ).items,
  members: async (streetId: string, unitId: string) =>
    (await call('GET /v1/streets/{streetId}/units/{unitId}/members', { params: { streetId, unitId } })).items,
  remove: async (streetId: string, unitId: string, userId: string) =>
    (
      await call('DELETE /v1/streets/{streetId}/units/{unitId}/members/{userId}', {
        params: { streetId, unitId, userId },
      })
    ).items,
  /** The caller joins the unit whose code they were given (加入单位). */
  join: (code: string) => call('POST /v1/me/units', { body: { code } }),
};
