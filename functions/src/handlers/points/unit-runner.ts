import { NotFoundError } from '@linli/shared';
import type { UnitRecord } from '../../data/units.js';
import type { Runner } from '../../domain/points/activities.js';
import { deps } from './deps.js';

/** The caller at the unit's door (单位工作台): a member of that unit, with no roles in the communities it serves. */
export const unitRunner = (userId: string, unitId: string): Runner => ({ userId, roles: [], unitId });

export async function unitOf(unitId: string): Promise<UnitRecord> {
  const unit = await deps().units.get(unitId);
  if (!unit) throw new NotFoundError('UNIT_NOT_FOUND', '找不到该单位');
  return unit;
}
