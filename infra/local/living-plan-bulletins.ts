/**
 * The bulletins' history: one of every kind, written by one admin, reviewed
 * and approved by the other, one published on time by the publish sweep, a
 * newsletter issue of the newsletter articles, read receipts from residents
 * over the days after, and one waiting for review at the start moment.
 */

import { at, DAY, HOUR, MINUTE, type PlanContext, shanghaiMidnight } from './living-plan.js';
import { BULLETIN_TEXTS, NEWSLETTER_TITLE } from './living-seed-data.js';

export function planBulletins(ctx: PlanContext): void {
  const { cp, rng, start, historyStart } = ctx;
  const c = cp.community;
  const [author, reviewer] = cp.staff.admins;
  const span = Math.floor((start - historyStart) / DAY) - 12;
  const newsletters: string[] = [];
  let lastPublished = 0;
  for (const [i, text] of BULLETIN_TEXTS.entries()) {
    const bulletin = `b${i}`;
    const lane = `bulletin:${c.communityId}:${bulletin}`;
    const pending = i === BULLETIN_TEXTS.length - 1;
    const written = pending
      ? start - rng.int(20, 30) * HOUR
      : at(historyStart + Math.floor(((i + 1) * span) / BULLETIN_TEXTS.length) * DAY, rng.int(9, 16), rng.int(0, 59));
    // One is approved the day before to go out the next morning: the publish sweep sends it.
    const scheduled = i === 1;
    const approved = written + rng.int(1, 5) * HOUR;
    const publishAt = scheduled ? at(shanghaiMidnight(approved) + DAY, 8) : null;
    const grid = c.grids[0]?.gridId as string;
    ctx.add({
      at: written,
      lane,
      step: {
        kind: 'bulletin',
        bulletin,
        author,
        title: text.title.replace('{c}', c.name),
        bulletinKind: text.kind,
        body: text.body,
        important: Boolean(text.important),
        // The civility notice goes to one grid; everything else to the whole community.
        audience: text.kind === 'civility' ? { type: 'grids', gridIds: [grid] } : { type: 'community' },
        publishAt: publishAt ? new Date(publishAt).toISOString() : null,
      },
    });
    ctx.add({ at: written + 10 * MINUTE, lane, step: { kind: 'move', bulletin, admin: author, transition: 'submit' } });
    if (pending) continue;
    ctx.add({ at: approved, lane, step: { kind: 'move', bulletin, admin: reviewer, transition: 'approve' } });
    const published = publishAt ?? approved;
    if (publishAt)
      ctx.add({ at: publishAt + MINUTE, lane: 'sweep', exclusive: true, step: { kind: 'sweep', sweeps: ['publish'] } });
    if (text.kind === 'newsletter') newsletters.push(bulletin);
    lastPublished = Math.max(lastPublished, published);
    // Residents in the audience read it over the next week (an important notice more of them).
    const audience = cp.residents.filter((r) => text.kind !== 'civility' || r.home.gridId === grid);
    const share = text.important ? 0.4 : 0.12;
    const readers = audience.filter(() => rng.chance(share));
    for (const r of readers) {
      const t = published + 2 * MINUTE + Math.floor(rng.next() * 7 * DAY);
      if (t < start) ctx.add({ at: t, lane, step: { kind: 'read', bulletin, reader: r.userId } });
    }
  }
  if (newsletters.length)
    ctx.add({
      at: lastPublished + HOUR,
      lane: 'newsletter',
      exclusive: true,
      step: { kind: 'newsletter', bulletins: newsletters, editor: author, title: NEWSLETTER_TITLE.replace('{n}', '1') },
    });
}
