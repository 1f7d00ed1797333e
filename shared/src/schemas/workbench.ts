import * as z from 'zod';

const Count = z.number().int().min(0);

/**
 * What waits for the caller on the workbench, by duty. A count is present only for a duty one of the
 * caller's roles has in the community (a grid worker gets no household count).
 */
export const WorkbenchCounts = z.object({
  /** 待受理: reports waiting to be accepted (admins: the community; grid workers: their grids). */
  feedbackToAccept: Count.optional(),
  /** 超时: open reports past a deadline, in the same scope. */
  feedbackOverdue: Count.optional(),
  /** 待处理: open reports dispatched to property staff (for property staff). */
  feedbackDispatched: Count.optional(),
  /** …of which past a deadline. */
  feedbackDispatchedOverdue: Count.optional(),
  /** 待审核住户: household bindings waiting for an admin. */
  householdsPending: Count.optional(),
  /** 待审核公告: bulletins submitted for review. */
  bulletinsInReview: Count.optional(),
  /** 待审核称重: weigh-ins held for an admin. */
  weighInsHeld: Count.optional(),
});
export type WorkbenchCounts = z.infer<typeof WorkbenchCounts>;
