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

/**
 * Roles in a unit (部门 / 共建单位): a street department, a utility, a school,
 * a hospital or a co-building unit that answers what a community or the
 * street dispatches to it ("部门报到"). A unit member sees only the reports
 * given to their unit.
 */
export const UNIT_ROLES = ['unit_staff'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export const UNIT_ROLE_LABELS: Record<UnitRole, string> = { unit_staff: '单位人员' };

export const UNIT_KINDS = ['department', 'utility', 'school', 'hospital', 'co_building'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  department: '街道部门',
  utility: '公用事业单位',
  school: '学校',
  hospital: '医院',
  co_building: '共建单位',
};

/** Whoever may appear on a report's timeline: community, street and unit roles. */
export const ACTOR_ROLE_LABELS: Record<Role | StreetRole | UnitRole, string> = {
  ...ROLE_LABELS,
  ...STREET_ROLE_LABELS,
  ...UNIT_ROLE_LABELS,
};
