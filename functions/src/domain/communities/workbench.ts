import type { Role, WorkbenchCounts } from '@linli/shared';
import type { WorkbenchCountsRepository } from '../../data/workbench.js';

export interface WorkbenchDeps {
  workbench: WorkbenchCountsRepository;
  now: () => Date;
}

/** The caller's roles and grids in the community. */
export interface WorkbenchCaller {
  roles: readonly Role[];
  gridIds: readonly string[];
}

const sum = async (counts: Promise<number>[]) => (await Promise.all(counts)).reduce((a, b) => a + b, 0);

/**
 * How much work waits for each duty the caller has here: the queues they work from (the community for
 * admins, their grids for grid workers, what was dispatched to the property company for its staff),
 * and for admins the requests, bulletins and weigh-ins that wait for a decision.
 */
export async function workbenchCounts(
  deps: WorkbenchDeps,
  communityId: string,
  caller: WorkbenchCaller,
): Promise<WorkbenchCounts> {
  const is = (role: Role) => caller.roles.includes(role);
  const now = deps.now().toISOString();
  const { workbench } = deps;
  const counts: WorkbenchCounts = {};
  const tasks: Promise<void>[] = [];
  const put = (name: keyof WorkbenchCounts, value: Promise<number>) => {
    tasks.push(
      value.then((n) => {
        counts[name] = n;
      }),
    );
  };

  if (is('admin')) {
    const community = { kind: 'community' } as const;
    put('feedbackToAccept', workbench.openFeedback(communityId, community, { statuses: ['submitted'] }));
    put('feedbackOverdue', workbench.openFeedback(communityId, community, { overdueAt: now }));
    put('householdsPending', workbench.households(communityId, 'pending'));
    put('bulletinsInReview', workbench.bulletins(communityId, 'submitted'));
    put('weighInsHeld', workbench.heldWeighIns(communityId, 'held'));
  } else if (is('grid_worker')) {
    const grids = caller.gridIds.map((gridId) => ({ kind: 'grid', gridId }) as const);
    put('feedbackToAccept', sum(grids.map((g) => workbench.openFeedback(communityId, g, { statuses: ['submitted'] }))));
    put('feedbackOverdue', sum(grids.map((g) => workbench.openFeedback(communityId, g, { overdueAt: now }))));
  }
  if (is('property_staff')) {
    const property = { kind: 'assignee', assignee: 'property' } as const;
    put('feedbackDispatched', workbench.openFeedback(communityId, property, {}));
    put('feedbackDispatchedOverdue', workbench.openFeedback(communityId, property, { overdueAt: now }));
  }
  await Promise.all(tasks);
  return counts;
}
