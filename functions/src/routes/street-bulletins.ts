/** Street bulletins (街道公告): part of the bulletins context's slice, guarded by the street's roles. */
import {
  RejectBulletinBody,
  StreetBulletin,
  StreetBulletinBody,
  StreetBulletinPage,
  StreetBulletinPath,
  StreetBulletinQuery,
  StreetPath,
  UpdateStreetBulletinBody,
} from '@linli/shared';
import { type RouteSpec, STREET_ADMIN } from './spec.js';

export const streetBulletinsRoutes = {
  'GET /v1/streets/{streetId}/bulletins': {
    context: 'bulletins',
    summary: 'The street’s bulletins by review status (street admins)',
    access: STREET_ADMIN,
    params: StreetPath,
    query: StreetBulletinQuery,
    response: StreetBulletinPage,
  },
  'POST /v1/streets/{streetId}/bulletins': {
    context: 'bulletins',
    summary: 'Write a street bulletin for all the street’s communities or chosen ones (a draft; street admins)',
    access: STREET_ADMIN,
    params: StreetPath,
    body: StreetBulletinBody,
    response: StreetBulletin,
    status: 201,
    idempotent: true,
  },
  'GET /v1/streets/{streetId}/bulletins/{bulletinId}': {
    context: 'bulletins',
    summary: 'A street bulletin with each community’s copy and read count (street admins)',
    access: STREET_ADMIN,
    params: StreetBulletinPath,
    response: StreetBulletin,
  },
  'PUT /v1/streets/{streetId}/bulletins/{bulletinId}': {
    context: 'bulletins',
    summary: 'Edit a street bulletin; a published one gets a new revision in each community (street admins)',
    access: STREET_ADMIN,
    params: StreetBulletinPath,
    body: UpdateStreetBulletinBody,
    response: StreetBulletin,
  },
  'POST /v1/streets/{streetId}/bulletins/{bulletinId}/submit': {
    context: 'bulletins',
    summary: 'Submit a street bulletin for review (street admins)',
    access: STREET_ADMIN,
    params: StreetBulletinPath,
    response: StreetBulletin,
  },
  'POST /v1/streets/{streetId}/bulletins/{bulletinId}/approve': {
    context: 'bulletins',
    summary: 'Approve a street bulletin: a second admin of the street, never the author',
    access: STREET_ADMIN,
    params: StreetBulletinPath,
    response: StreetBulletin,
  },
  'POST /v1/streets/{streetId}/bulletins/{bulletinId}/reject': {
    context: 'bulletins',
    summary: 'Send a street bulletin back to its author with a reason (street admins)',
    access: STREET_ADMIN,
    params: StreetBulletinPath,
    body: RejectBulletinBody,
    response: StreetBulletin,
  },
  'POST /v1/streets/{streetId}/bulletins/{bulletinId}/withdraw': {
    context: 'bulletins',
    summary: 'Withdraw a street bulletin: out of every community’s feed, the record kept (street admins)',
    access: STREET_ADMIN,
    params: StreetBulletinPath,
    response: StreetBulletin,
  },
} as const satisfies Record<string, RouteSpec>;
