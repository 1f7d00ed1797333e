/**
 * The state machine, exhaustively: every action × role × state, against an
 * independent statement of the rules written out as a table.
 */
import {
  type ActorFacts,
  actionFitsStatus,
  allowedActions,
  canSeeAsStaff,
  canTake,
  FEEDBACK_ACTIONS,
  FEEDBACK_STATUSES,
  type FeedbackAction,
  type FeedbackStatus,
  nextStatus,
  type ReportFacts,
  SYSTEM_TRANSITIONS,
  systemNextStatus,
} from '@linli/shared';
import { describe, expect, it } from 'vitest';

const GRID = 'g1';
const report = (status: FeedbackStatus, extra: Partial<ReportFacts> = {}): ReportFacts => ({
  status,
  reporterId: 'reporter',
  gridId: GRID,
  assignee: { kind: 'property', name: '物业' },
  escalated: false,
  streetId: null,
  supporterIds: [],
  ...extra,
});

/** The people around one report. */
const PEOPLE: Record<string, ActorFacts> = {
  reporter: { userId: 'reporter', roles: ['resident'], gridIds: [] },
  neighbour: { userId: 'neighbour', roles: ['resident'], gridIds: [] },
  gridWorker: { userId: 'gw', roles: ['grid_worker'], gridIds: [GRID] },
  otherGridWorker: { userId: 'gw2', roles: ['grid_worker'], gridIds: ['g2'] },
  propertyStaff: { userId: 'ps', roles: ['property_staff'], gridIds: [] },
  stationOperator: { userId: 'op', roles: ['station_operator'], gridIds: [] },
  admin: { userId: 'adm', roles: ['admin'], gridIds: [] },
};

const OPEN: FeedbackStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress'];

/** The rules in words, as the issue and domain.md give them (assignee here: the property company). */
const EXPECTED: Record<FeedbackAction, { states: FeedbackStatus[] | 'all'; people: string[] }> = {
  withdraw: { states: ['submitted'], people: ['reporter'] },
  accept: { states: ['submitted'], people: ['gridWorker', 'admin'] },
  reject: { states: ['submitted', 'accepted'], people: ['gridWorker', 'admin'] },
  dispatch: { states: ['accepted', 'dispatched', 'in_progress'], people: ['gridWorker', 'admin'] },
  arrive: { states: ['dispatched'], people: ['propertyStaff', 'admin'] },
  resolve: { states: ['dispatched', 'in_progress'], people: ['propertyStaff', 'admin'] },
  escalate: { states: ['accepted', 'dispatched', 'in_progress'], people: ['gridWorker', 'propertyStaff', 'admin'] },
  // 吹哨 only once the committee has it (below): not escalated yet, nobody may.
  whistle: { states: ['accepted', 'dispatched', 'in_progress'], people: [] },
  note: { states: 'all', people: ['gridWorker', 'propertyStaff', 'admin'] },
  reply: {
    states: ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'closed', 'rejected'],
    people: ['gridWorker', 'propertyStaff', 'admin'],
  },
  confirm: { states: ['resolved'], people: ['reporter'] },
  reopen: { states: ['resolved'], people: ['reporter'] },
  join: { states: OPEN, people: ['neighbour'] },
  // 回访: whoever worked on it (here the property company's staff) or an admin, only while it waits for confirmation.
  follow_up: { states: ['resolved'], people: ['propertyStaff', 'admin'] },
};

const cases = FEEDBACK_ACTIONS.flatMap((action) =>
  FEEDBACK_STATUSES.flatMap((status) => Object.keys(PEOPLE).map((person) => [action, status, person] as const)),
);

describe('the feedback state machine', () => {
  it.each(cases)('%s in %s by %s', (action, status, person) => {
    const rule = EXPECTED[action];
    const inState = rule.states === 'all' || rule.states.includes(status);
    const expected = inState && rule.people.includes(person);
    expect(canTake(action, PEOPLE[person] as ActorFacts, report(status))).toBe(expected);
    expect(actionFitsStatus(action, status)).toBe(inState);
  });

  it('covers every action, state and person', () => {
    expect(cases).toHaveLength(FEEDBACK_ACTIONS.length * FEEDBACK_STATUSES.length * Object.keys(PEOPLE).length);
  });
});

describe('who acts once a report is dispatched or escalated', () => {
  it('lets only the assigned grid worker (or an admin) mark arrival and resolve', () => {
    const r = report('dispatched', { assignee: { kind: 'grid_worker', userId: 'gw2', name: '王' } });
    const assigned: ActorFacts = { userId: 'gw2', roles: ['grid_worker'], gridIds: ['g2'] };
    expect(canTake('resolve', assigned, r)).toBe(true);
    expect(canTake('resolve', PEOPLE.gridWorker as ActorFacts, r)).toBe(false);
    expect(canTake('resolve', PEOPLE.propertyStaff as ActorFacts, r)).toBe(false);
    expect(canSeeAsStaff(assigned, r)).toBe(true);
  });

  it('lets the grid record for an outside unit it whistled for', () => {
    const r = report('dispatched', { assignee: { kind: 'unit', name: '区教育局' } });
    expect(canTake('resolve', PEOPLE.gridWorker as ActorFacts, r)).toBe(true);
    expect(canTake('resolve', PEOPLE.propertyStaff as ActorFacts, r)).toBe(false);
  });

  it('takes an escalated report out of the grid’s hands and cannot escalate twice', () => {
    const r = report('dispatched', { escalated: true, assignee: { kind: 'committee', name: '社区党委' } });
    expect(canTake('dispatch', PEOPLE.gridWorker as ActorFacts, r)).toBe(false);
    expect(canTake('dispatch', PEOPLE.admin as ActorFacts, r)).toBe(true);
    expect(canTake('escalate', PEOPLE.admin as ActorFacts, r)).toBe(false);
  });

  it('lets the admins, and only once the committee has it, whistle for the street (吹哨)', () => {
    const r = report('dispatched', { escalated: true, assignee: { kind: 'committee', name: '社区党委' } });
    expect(canTake('whistle', PEOPLE.admin as ActorFacts, r)).toBe(true);
    expect(canTake('whistle', PEOPLE.gridWorker as ActorFacts, r)).toBe(false);
    expect(canTake('whistle', PEOPLE.admin as ActorFacts, { ...r, streetId: 'changhe' })).toBe(false);
  });

  it('gives a case on the street’s desk to the street office to dispatch, not the community', () => {
    const street: ActorFacts = { userId: 'st', roles: [], gridIds: [], streetIds: ['changhe'] };
    const otherStreet: ActorFacts = { userId: 'st2', roles: [], gridIds: [], streetIds: ['other'] };
    const r = report('accepted', {
      escalated: true,
      streetId: 'changhe',
      assignee: { kind: 'street', streetId: 'changhe', name: '长河街道' },
    });
    expect(canTake('dispatch', street, r)).toBe(true);
    expect(canTake('dispatch', PEOPLE.admin as ActorFacts, r)).toBe(false);
    expect(canSeeAsStaff(street, r)).toBe(true);
    expect(canSeeAsStaff(street, report('accepted'))).toBe(false);
    expect(canSeeAsStaff(otherStreet, r)).toBe(false);
    expect(canTake('dispatch', otherStreet, r)).toBe(false);
    expect(canTake('resolve', street, { ...r, status: 'dispatched' })).toBe(false);
  });

  it('lets the members of the unit a report was given to work it, and no other unit', () => {
    const r = report('dispatched', { assignee: { kind: 'unit', unitId: 'water', name: '水务' } });
    const member: ActorFacts = { userId: 'u1', roles: [], gridIds: [], unitIds: ['water'] };
    const other: ActorFacts = { userId: 'u2', roles: [], gridIds: [], unitIds: ['power'] };
    // A unit can hand back what is not its job: 上报社区 gives it to the committee.
    expect(allowedActions(member, r)).toEqual(['arrive', 'resolve', 'escalate', 'note', 'reply']);
    expect(canSeeAsStaff(other, r)).toBe(false);
    expect(allowedActions(other, r)).toEqual([]);
    // The grid no longer records for a unit that works in the app; the community follows up, not the unit.
    expect(canTake('resolve', PEOPLE.gridWorker as ActorFacts, r)).toBe(false);
    expect(canTake('follow_up', member, { ...r, status: 'resolved' })).toBe(false);
    expect(canTake('follow_up', PEOPLE.admin as ActorFacts, { ...r, status: 'resolved' })).toBe(true);
  });

  it('lets a neighbour join once, never the reporter', () => {
    const r = report('accepted', { supporterIds: ['neighbour'] });
    expect(canTake('join', PEOPLE.neighbour as ActorFacts, r)).toBe(false);
    expect(canTake('join', PEOPLE.reporter as ActorFacts, report('accepted'))).toBe(false);
  });

  it('gives the buttons a page shows', () => {
    expect(allowedActions(PEOPLE.reporter as ActorFacts, report('resolved'))).toEqual(['confirm', 'reopen']);
    expect(allowedActions(PEOPLE.gridWorker as ActorFacts, report('submitted'))).toEqual([
      'accept',
      'reject',
      'note',
      'reply',
    ]);
  });

  it('moves to the right status', () => {
    expect(nextStatus('accept', 'submitted')).toBe('accepted');
    expect(nextStatus('arrive', 'dispatched')).toBe('in_progress');
    expect(nextStatus('confirm', 'resolved')).toBe('closed');
    expect(nextStatus('reopen', 'resolved')).toBe('accepted');
    expect(nextStatus('note', 'in_progress')).toBe('in_progress');
    expect(nextStatus('join', 'accepted')).toBe('accepted');
  });
});

describe('follow-up (回访) and the automatic close', () => {
  it('lets the grid worker the report was dispatched to follow up, not another grid worker', () => {
    const r = report('resolved', { assignee: { kind: 'grid_worker', userId: 'gw', name: '张丽' } });
    expect(canTake('follow_up', PEOPLE.gridWorker as ActorFacts, r)).toBe(true);
    expect(canTake('follow_up', PEOPLE.otherGridWorker as ActorFacts, r)).toBe(false);
    expect(canTake('follow_up', PEOPLE.propertyStaff as ActorFacts, r)).toBe(false);
    expect(allowedActions(PEOPLE.gridWorker as ActorFacts, r)).toEqual(['note', 'reply', 'follow_up']);
  });

  it('never lets staff follow up a report they filed themselves as its reporter', () => {
    const r = report('resolved', { reporterId: 'adm' });
    expect(canTake('follow_up', PEOPLE.admin as ActorFacts, r)).toBe(false);
    expect(canTake('confirm', PEOPLE.admin as ActorFacts, r)).toBe(true);
  });

  it('closes on a satisfied verdict and reopens on an unsatisfied one, as the resident’s own answers do', () => {
    expect(nextStatus('follow_up', 'resolved', 'satisfied')).toBe('closed');
    expect(nextStatus('follow_up', 'resolved', 'unsatisfied')).toBe('accepted');
    expect(nextStatus('follow_up', 'resolved', 'satisfied')).toBe(nextStatus('confirm', 'resolved'));
    expect(nextStatus('follow_up', 'resolved', 'unsatisfied')).toBe(nextStatus('reopen', 'resolved'));
  });

  it('auto-confirms only a report that still waits for confirmation', () => {
    expect(SYSTEM_TRANSITIONS.auto_confirm).toEqual({ from: ['resolved'], to: 'closed' });
    expect(FEEDBACK_STATUSES.map((s) => [s, systemNextStatus('auto_confirm', s)])).toEqual([
      ['submitted', null],
      ['accepted', null],
      ['dispatched', null],
      ['in_progress', null],
      ['resolved', 'closed'],
      ['closed', null],
      ['rejected', null],
      ['withdrawn', null],
    ]);
  });
});
