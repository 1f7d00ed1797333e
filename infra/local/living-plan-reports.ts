/**
 * The feedback box's history: reports in every state, each a small script of
 * steps at planned instants. Normal cases keep every deadline; the overdue and
 * escalated ones miss theirs on purpose and a planned run of the SLA sweep
 * marks or escalates them; auto-closed ones wait for the follow-up sweep.
 */
import { acceptDeadline, confirmWindow, deadlinesFor, type FeedbackCategory } from '@linli/shared';
import { at, DAY, HOUR, MINUTE, type PlanContext, type Resident, type Step, shanghaiMidnight } from './living-plan.js';
import {
  ACCEPT_NOTES,
  ESCALATE_REASONS,
  FOLLOW_UP_NOTES,
  HOTLINE_NAMES,
  RATING_COMMENTS,
  REJECT_REASONS,
  REOPEN_REASONS,
  REPAIR_TEXTS,
  REPORT_TEXTS,
  RESOLVE_NOTES,
  type ReportText,
  UNSATISFIED_NOTES,
  WITHDRAW_REASONS,
} from './living-seed-data.js';
import { demoStreets, demoUnits } from './seed-data.js';

type Target = 'grid' | 'property' | 'unit';

/** A report being scripted: its key, reporter, category and the clock of its last step. */
interface Script {
  key: string;
  grid: string;
  reporter: Resident | null;
  category: FeedbackCategory;
  t: number;
}

export function planReports(ctx: PlanContext): void {
  const { cp, rng, start, historyStart } = ctx;
  const c = cp.community;
  const settings = c.settings;
  const categories = new Map(settings.feedback.categories.map((k) => [k.category, k]));
  let n = 0;

  const step = (s: Script, t: number, body: Step) => {
    s.t = t;
    ctx.add({ at: t, lane: `report:${c.communityId}:${s.key}`, step: body });
  };
  const sweep = (t: number, sweeps: ('sla' | 'confirm')[]) =>
    ctx.add({ at: t, lane: 'sweep', exclusive: true, step: { kind: 'sweep', sweeps } });
  type Act = Extract<Step, { kind: 'act' }>;
  const act = (s: Script, t: number, by: string, body: Act['body'], as?: Act['as']) =>
    step(s, t, { kind: 'act', report: s.key, by, body, ...(as ? { as } : {}) });
  // The units serving this community, and the street office above it (吹哨).
  const units = demoUnits.filter((u) => u.communityIds.includes(c.communityId));
  const streetAdmin = `demo-street-qian`;
  const streetId = demoStreets[0]?.streetId as string;
  /** A unit for the case: its dispatch body, and its member (who works it, acting for the unit). */
  const unitFor = (note?: string) => {
    const u = rng.pick(units);
    const body = { action: 'dispatch' as const, target: { kind: 'unit' as const, unitId: u.unitId } };
    return { body: note ? { ...body, note } : body, member: u.member.userId, as: { unitId: u.unitId } };
  };

  /** Files a report at `t`; offline ones are entered by the grid worker for someone without the app. */
  function submit(t: number, text: ReportText, offline = false): Script {
    const reporter = rng.pick(cp.residents);
    const home = reporter.home;
    const s: Script = {
      key: `r${++n}`,
      grid: cp.staff.grid[home.gridId] as string,
      reporter: offline ? null : reporter,
      category: categories.get(text.category) as FeedbackCategory,
      t,
    };
    step(s, t, {
      kind: 'submit',
      report: s.key,
      by: offline ? s.grid : reporter.userId,
      text,
      location: { estateId: home.estateId, buildingId: home.buildingId, unit: home.unit, detail: text.detail },
      ...(offline ? { offline: { reporterName: rng.pick(HOTLINE_NAMES), channel: 'hotline' as const } } : {}),
    });
    return s;
  }

  /** How long acceptance takes in a case that keeps its deadline. */
  const acceptIn = (s: Script) =>
    ({ urgent: rng.int(2, 7), routine: rng.int(10, 80), complex: rng.int(60, 600) })[s.category.urgency] * MINUTE;

  /** Accepted, dispatched and worked on within every deadline; returns who resolves it and when it was accepted. */
  function work(s: Script, target: Target, opts: { accepted?: boolean; arrive?: boolean } = {}) {
    if (!opts.accepted) act(s, s.t + acceptIn(s), s.grid, { action: 'accept' });
    const u = s.category.urgency;
    const acceptedAt = s.t;
    const unit = target === 'unit' ? unitFor(rng.pick(ACCEPT_NOTES)) : undefined;
    const body =
      target === 'grid'
        ? { action: 'dispatch' as const, target: { kind: 'grid_worker' as const, userId: s.grid } }
        : target === 'property'
          ? { action: 'dispatch' as const, target: { kind: 'property' as const } }
          : (unit?.body as Act['body']);
    act(s, acceptedAt + (u === 'complex' ? rng.int(30, 300) : 2) * MINUTE, s.grid, body);
    const worker = target === 'property' ? cp.staff.property : (unit?.member ?? s.grid);
    const as = unit?.as;
    // On site within the urgent promise (10 minutes of acceptance): the dispatch took 2.
    if (u === 'urgent' || (opts.arrive ?? rng.chance(0.6)))
      act(s, s.t + rng.int(3, 6) * MINUTE, worker, { action: 'arrive' }, as);
    if (u === 'complex' && rng.chance(0.5))
      act(s, s.t + rng.int(10, 60) * MINUTE, s.grid, { action: 'reply', templateId: 'on_the_way' });
    return { worker, acceptedAt, as };
  }
  /** Fixed within the deadline: an hour of acceptance when it is no repair, days for a complex case. */
  function resolve(
    s: Script,
    { worker, acceptedAt, as }: { worker: string; acceptedAt: number; as?: Act['as'] },
    maxDays = 6,
  ) {
    const u = s.category.urgency;
    const t = u === 'complex' ? s.t + rng.int(1, maxDays) * DAY : acceptedAt + rng.int(25, 55) * MINUTE;
    act(s, Math.max(t, s.t + MINUTE), worker, { action: 'resolve', note: rng.pick(RESOLVE_NOTES), photos: [] }, as);
  }
  const confirm = (s: Script, after = rng.int(2, 50) * HOUR) =>
    act(s, s.t + after, s.reporter?.userId as string, {
      action: 'confirm',
      rating: rng.int(3, 5),
      comment: rng.pick(RATING_COMMENTS),
    });
  /** A day in the history at a daytime hour, `from`–`to` days after its start. */
  const daytime = (from: number, to: number) =>
    at(historyStart + rng.int(from, to) * DAY, rng.int(8, 18), rng.int(0, 59));
  const text = () => rng.pick(REPORT_TEXTS);
  const targets: Target[] = ['grid', 'property', 'unit'];

  // The past: every way a report ends.
  const last = Math.floor((start - historyStart) / DAY) - 14;
  for (let i = 0; i < 3; i++) {
    const s = submit(daytime(2, last), text());
    resolve(s, work(s, targets[i % 3] as Target));
    confirm(s);
  }
  for (let i = 0; i < 2; i++) {
    // Nobody answers: the follow-up sweep reminds, then closes it as 系统自动确认.
    const s = submit(daytime(2, last), text());
    resolve(s, work(s, 'grid'));
    const w = confirmWindow(new Date(s.t), settings.followUp.confirmDays);
    sweep(Date.parse(w.remindAt) + MINUTE, ['confirm']);
    sweep(Date.parse(w.confirmBy) + 2 * MINUTE, ['confirm']);
  }
  for (const satisfied of [true, true, false]) {
    // A hotline report, closed (or reopened) at a 回访 by phone.
    const s = submit(daytime(2, last), text(), true);
    const worked = work(s, 'grid');
    resolve(s, worked);
    act(
      s,
      s.t + rng.int(3, 30) * HOUR,
      cp.staff.admins[0],
      satisfied
        ? {
            action: 'follow_up',
            channel: 'phone',
            verdict: 'satisfied',
            rating: rng.int(4, 5),
            note: rng.pick(FOLLOW_UP_NOTES),
          }
        : { action: 'follow_up', channel: 'visit', verdict: 'unsatisfied', note: rng.pick(UNSATISFIED_NOTES) },
    );
    if (!satisfied) {
      resolve(s, work(s, 'grid', { accepted: true }));
      act(s, s.t + rng.int(3, 20) * HOUR, cp.staff.admins[0], {
        action: 'follow_up',
        channel: 'phone',
        verdict: 'satisfied',
        rating: 4,
        note: rng.pick(FOLLOW_UP_NOTES),
      });
    }
  }
  {
    // The resident says it is not fixed: back to the grid, fixed again, then rated.
    const s = submit(daytime(2, last), text());
    resolve(s, work(s, 'grid'));
    act(s, s.t + rng.int(2, 20) * HOUR, s.reporter?.userId as string, {
      action: 'reopen',
      reason: rng.pick(REOPEN_REASONS),
    });
    resolve(s, work(s, 'property', { accepted: true }));
    confirm(s);
  }
  {
    const s = submit(daytime(2, last), rng.pick(REPAIR_TEXTS));
    act(s, s.t + acceptIn(s), s.grid, { action: 'reject', reason: rng.pick(REJECT_REASONS) });
    const w = submit(daytime(2, last), text());
    act(w, w.t + rng.int(1, 5) * MINUTE, w.reporter?.userId as string, {
      action: 'withdraw',
      reason: rng.pick(WITHDRAW_REASONS),
    });
  }
  {
    // Not accepted in time: the sweep marks it overdue and reminds the grid; accepted before the committee hears of it.
    const s = submit(
      daytime(2, last),
      rng.pick(REPORT_TEXTS.filter((t) => categories.get(t.category)?.urgency === 'routine')),
    );
    const due = Date.parse(acceptDeadline(new Date(s.t), 'routine', settings.sla));
    sweep(due + 15 * MINUTE, ['sla']);
    s.t = due + 35 * MINUTE;
    resolve(s, work(s, 'grid'));
    confirm(s);
  }
  {
    // Accepted in time, fixed late: overdue for good.
    const s = submit(
      daytime(2, last),
      rng.pick(REPORT_TEXTS.filter((t) => categories.get(t.category)?.urgency === 'routine')),
    );
    const { worker, acceptedAt } = work(s, 'grid');
    const due = Date.parse(deadlinesFor(new Date(acceptedAt), 'routine', null, settings.sla).resolveBy);
    sweep(due + 15 * MINUTE, ['sla']);
    act(s, due + 30 * MINUTE, worker, { action: 'resolve', note: rng.pick(RESOLVE_NOTES), photos: [] });
    confirm(s);
  }
  {
    // Nobody accepts, twice: the sweep sends it to the community committee ("吹哨"), which sends an outside unit.
    const s = submit(
      daytime(2, last),
      rng.pick(REPORT_TEXTS.filter((t) => categories.get(t.category)?.urgency === 'routine')),
    );
    const due = Date.parse(acceptDeadline(new Date(s.t), 'routine', settings.sla));
    sweep(due + 15 * MINUTE, ['sla']);
    const second = due + 15 * MINUTE + (due - s.t);
    sweep(second + 10 * MINUTE, ['sla']);
    const admin = cp.staff.admins[0];
    act(s, second + 40 * MINUTE, admin, { action: 'accept' });
    const unit = unitFor();
    act(s, s.t + 10 * MINUTE, admin, unit.body);
    act(
      s,
      s.t + rng.int(2, 20) * HOUR,
      unit.member,
      { action: 'resolve', note: rng.pick(RESOLVE_NOTES), photos: [] },
      unit.as,
    );
    confirm(s);
  }
  {
    // The grid cannot solve it: the grid worker escalates; the committee sends a unit.
    const s = submit(
      daytime(2, last),
      rng.pick(REPORT_TEXTS.filter((t) => categories.get(t.category)?.urgency === 'complex')),
    );
    act(s, s.t + acceptIn(s), s.grid, { action: 'accept' });
    act(s, s.t + rng.int(20, 120) * MINUTE, s.grid, { action: 'escalate', reason: rng.pick(ESCALATE_REASONS) });
    const admin = cp.staff.admins[0];
    const unit = unitFor();
    act(s, s.t + rng.int(1, 4) * HOUR, admin, unit.body);
    act(
      s,
      s.t + rng.int(1, 5) * DAY,
      unit.member,
      { action: 'resolve', note: rng.pick(RESOLVE_NOTES), photos: [] },
      unit.as,
    );
    confirm(s);
  }
  {
    // 吹哨: the committee cannot solve it either; the street office dispatches a unit, which fixes it.
    const s = submit(
      daytime(3, last),
      rng.pick(REPORT_TEXTS.filter((t) => categories.get(t.category)?.urgency === 'complex')),
    );
    act(s, s.t + acceptIn(s), s.grid, { action: 'accept' });
    act(s, s.t + rng.int(20, 120) * MINUTE, s.grid, { action: 'escalate', reason: rng.pick(ESCALATE_REASONS) });
    const admin = cp.staff.admins[0];
    act(s, s.t + rng.int(2, 8) * HOUR, admin, { action: 'whistle', reason: '涉及多个部门，社区协调不了' });
    const unit = unitFor('请尽快到现场处理');
    act(s, s.t + rng.int(1, 3) * HOUR, streetAdmin, unit.body, { streetId });
    act(
      s,
      s.t + rng.int(1, 3) * DAY,
      unit.member,
      { action: 'resolve', note: rng.pick(RESOLVE_NOTES), photos: [] },
      unit.as,
    );
    confirm(s);
  }

  // The present: what the queues hold at the start moment.
  const today = shanghaiMidnight(start);
  const before = (ms: number) => start - ms;
  const routine = REPORT_TEXTS.filter((t) => categories.get(t.category)?.urgency === 'routine');
  const complex = REPORT_TEXTS.filter((t) => categories.get(t.category)?.urgency === 'complex');
  {
    const s = submit(before(rng.int(20, 40) * MINUTE), rng.pick(routine));
    // Others see it on the board and say "我也遇到".
    const other = cp.residents.find((r) => r.userId !== s.reporter?.userId) as Resident;
    act(s, s.t + 5 * MINUTE, other.userId, { action: 'join' });
    submit(before(rng.int(10, 50) * MINUTE), rng.pick(REPAIR_TEXTS));
  }
  // Waiting past its acceptance deadline: the start's sweep marks it overdue.
  submit(before(rng.int(150, 200) * MINUTE), rng.pick(routine));
  {
    // Escalated by the sweep and waiting with the committee (its own deadline after the start: the street comes later).
    const s = submit(before(6 * HOUR), rng.pick(routine));
    const due = Date.parse(acceptDeadline(new Date(s.t), 'routine', settings.sla));
    sweep(due + 10 * MINUTE, ['sla']);
    sweep(due + 10 * MINUTE + (due - s.t) + 10 * MINUTE, ['sla']);
  }
  {
    const s = submit(before(rng.int(4, 6) * HOUR), rng.pick(complex));
    act(s, s.t + HOUR, s.grid, { action: 'accept' });
    act(s, s.t + 20 * MINUTE, s.grid, { action: 'reply', templateId: 'received' });
  }
  {
    const s = submit(before(2 * DAY), rng.pick(complex));
    work(s, 'property', { arrive: false });
  }
  {
    // A repair on its way: dispatched to the property, who is on site.
    const s = submit(
      before(3 * DAY),
      rng.pick(REPAIR_TEXTS.filter((t) => t.category === 'leak' || t.category === 'security')),
    );
    act(s, s.t + 2 * HOUR, s.grid, { action: 'accept' });
    act(s, s.t + 10 * MINUTE, s.grid, { action: 'dispatch', target: { kind: 'property' } });
    act(s, s.t + 3 * HOUR, cp.staff.property, { action: 'arrive', note: '已到现场查看，需要订购配件' });
  }
  {
    // 吹哨 this morning: on the street office's desk, waiting for it to dispatch a unit. Within the
    // committee's own deadline (a plan's window after it got the case), or the sweep would have whistled first.
    const s = submit(before(12 * HOUR), rng.pick(complex));
    act(s, s.t + HOUR, s.grid, { action: 'accept' });
    act(s, s.t + 3 * HOUR, s.grid, { action: 'escalate', reason: rng.pick(ESCALATE_REASONS) });
    act(s, Math.max(s.t + HOUR, before(rng.int(2, 5) * HOUR)), cp.staff.admins[0], {
      action: 'whistle',
      reason: '需要街道协调相关部门',
    });
  }
  {
    // Dispatched to a unit yesterday: in its queue, on site.
    const s = submit(before(DAY + 4 * HOUR), rng.pick(complex));
    act(s, s.t + HOUR, s.grid, { action: 'accept' });
    const unit = unitFor('请派人到现场查看');
    act(s, s.t + 30 * MINUTE, s.grid, unit.body);
    act(s, s.t + 5 * HOUR, unit.member, { action: 'arrive', note: '已到现场，正在处理' }, unit.as);
  }
  {
    // Resolved yesterday, waiting for the resident to confirm.
    const s = submit(at(today - DAY, 9, rng.int(0, 30)), rng.pick(routine));
    resolve(s, work(s, 'grid'));
  }
  {
    // Reopened this morning: accepted again with fresh deadlines.
    const s = submit(before(4 * DAY), rng.pick(complex));
    resolve(s, work(s, 'grid'), 2);
    act(s, Math.max(s.t + HOUR, before(90 * MINUTE)), s.reporter?.userId as string, {
      action: 'reopen',
      reason: rng.pick(REOPEN_REASONS),
    });
  }
}
