/** Roles are per community. Zod-free, so the mini-program can import it without the schemas. */
export const ROLES = ['resident', 'grid_worker', 'property_staff', 'station_operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  property_staff: '物业人员',
  station_operator: '服务站工作人员',
  admin: '社区管理员',
};

/** Roles that see the staff workbench subpackage. */
export const STAFF_ROLES: readonly Role[] = ['grid_worker', 'property_staff', 'station_operator', 'admin'];

export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r));
}

/**
 * Roles over a street (街道) and all its communities, held apart from the
 * community roles: a street admin compares the street's communities and reads
 * each one's figures, never a resident's report or ledger.
 */
export const STREET_ROLES = ['street_admin'] as const;
export type StreetRole = (typeof STREET_ROLES)[number];

export const STREET_ROLE_LABELS: Record<StreetRole, string> = { street_admin: '街道管理员' };
