import { type MeResponse, UnauthorizedError } from '@linli/shared';
import type { FeedbackRepository } from '../../data/feedback.js';
import type { HouseholdsRepository } from '../../data/households.js';
import type { PointsRepository } from '../../data/points.js';
import type { UsersRepository } from '../../data/users.js';

export interface MeDeps {
  users: UsersRepository;
  households: HouseholdsRepository;
  points: PointsRepository;
  feedback: Pick<FeedbackRepository, 'allOfReporter' | 'eraseReporter'>;
  photos: { remove(key: string): Promise<void> };
  now: () => Date;
}

export async function getMe(deps: MeDeps, userId: string): Promise<MeResponse> {
  const [{ user, memberships, streets, units }, households] = await Promise.all([
    deps.users.getWithMemberships(userId),
    deps.households.listOfUser(userId),
  ]);
  if (!user) throw new UnauthorizedError('USER_GONE', '账号已注销，请重新登录');
  return {
    user: { userId: user.userId, nickname: user.nickname, createdAt: user.createdAt },
    memberships: memberships.map(({ householdId, ...m }) => ({
      communityId: m.communityId,
      communityName: m.communityName,
      roles: m.roles,
      gridIds: m.gridIds,
      stationIds: m.stationIds,
      household: households.find((h) => h.householdId === householdId) ?? null,
    })),
    streets: streets.map((s) => ({ streetId: s.streetId, streetName: s.streetName, roles: s.roles })),
    units: units.map((u) => ({ unitId: u.unitId, unitName: u.unitName, roles: u.roles })),
    households,
  };
}

export async function exportMe(deps: MeDeps, userId: string) {
  const me = await getMe(deps, userId);
  const points = await Promise.all(
    me.memberships.map(async (m) => ({
      communityId: m.communityId,
      balance: await deps.points.balance(m.communityId, userId),
      ledger: (await deps.points.allEntries(m.communityId, userId)).map((e) => ({
        type: e.type,
        points: e.points,
        at: e.at,
        note: e.note,
      })),
    })),
  );
  return {
    ...me,
    points,
    exportedAt: deps.now().toISOString(),
    notice: '这是邻里保存的与您有关的全部个人信息（依据《个人信息保护法》提供）。',
  };
}

/** PIPL erasure: the person, their memberships, household requests and pending requests' keys. */
export async function deleteMe(deps: MeDeps, userId: string): Promise<null> {
  const { memberships } = await deps.users.getWithMemberships(userId);
  const [householdKeys, pointsKeys] = await Promise.all([
    deps.households.keysOfUser(userId),
    Promise.all(memberships.map((m) => deps.points.keysOfAccount(m.communityId, userId))),
  ]);
  // Their reports stay in the community's figures, without them: no name, no words, no photos.
  const reports = await deps.feedback.allOfReporter(userId);
  for (const r of reports) {
    for (const key of r.photos) await deps.photos.remove(key);
    await deps.feedback.eraseReporter(r.communityId, r.reportId, userId);
  }
  // The whole points account goes with its ledger: every other account still sums to its balance.
  await deps.users.deleteUser(userId, [...householdKeys, ...pointsKeys.flat()]);
  return null;
}
