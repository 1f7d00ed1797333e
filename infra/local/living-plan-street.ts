/**
 * The street's bulletins (街道公告): 钱志远 writes them, 吴晓燕 (the street's
 * second admin) approves them, and residents of the communities they went to
 * read them over the days after; one waits for her review at the start moment.
 */

import { at, DAY, HOUR, MINUTE, type Plan, type PlannedEvent, type Rng, shanghaiMidnight } from './living-plan.js';
import { demoStreets } from './seed-data.js';

const AUTHOR = 'demo-street-qian';
const REVIEWER = 'demo-street2-wu';

const TEXTS = [
  {
    kind: 'notice',
    title: '长河街道：冬季用电与消防安全提醒',
    body: '# 冬季用电安全\n\n天气转冷，请居民**不要私拉电线**给电动车充电，楼道内不要堆放杂物。\n\n- 电动车请到小区充电棚充电\n- 发现隐患请在意见箱反映',
    important: true,
    daysBefore: 24,
    chosen: null,
    pending: false,
  },
  {
    kind: 'event',
    title: '长河街道邻里节报名开始',
    body: '街道将于本月下旬举办邻里节，有才艺展示、旧物交换和义诊，欢迎各社区居民报名参加。',
    important: false,
    daysBefore: 9,
    chosen: 2,
    pending: false,
  },
  {
    kind: 'notice',
    title: '长河街道：长河路施工交通提示',
    body: '长河路下周起分段施工，请居民出行绕行，注意安全。',
    important: false,
    daysBefore: 1,
    chosen: 3,
    pending: true,
  },
] as const;

/** The street bulletins of each demo street over the communities planned; events go through `push`. */
export function planStreetBulletins(plan: Omit<Plan, 'events'>, rng: Rng, push: (e: PlannedEvent) => void): void {
  for (const street of demoStreets) {
    const communities = plan.communities.filter((cp) => cp.community.streetId === street.streetId);
    if (communities.length === 0) continue;
    for (const [i, text] of TEXTS.entries()) {
      const bulletin = `street-b${i}`;
      const lane = `street-bulletin:${street.streetId}:${bulletin}`;
      const written = at(shanghaiMidnight(plan.start - text.daysBefore * DAY), rng.int(9, 11), rng.int(0, 59));
      const chosen = text.chosen === null ? communities : communities.slice(0, text.chosen);
      const event = (t: number, step: PlannedEvent['step'], communityId = street.streetId) =>
        t < plan.start && t > plan.historyStart && push({ at: t, communityId, lane, step });
      event(written, {
        kind: 'streetBulletin',
        streetId: street.streetId,
        bulletin,
        author: AUTHOR,
        title: text.title,
        bulletinKind: text.kind,
        body: text.body,
        important: text.important,
        audience:
          text.chosen === null
            ? { type: 'street' }
            : { type: 'communities', communityIds: chosen.map((cp) => cp.community.communityId) },
      });
      event(written + 10 * MINUTE, {
        kind: 'streetMove',
        streetId: street.streetId,
        bulletin,
        editor: AUTHOR,
        transition: 'submit',
      });
      if (text.pending) continue;
      const approved = written + rng.int(1, 4) * HOUR;
      event(approved, {
        kind: 'streetMove',
        streetId: street.streetId,
        bulletin,
        editor: REVIEWER,
        transition: 'approve',
      });
      // Its residents read it in their own community's feed over the next week.
      for (const cp of chosen)
        for (const r of cp.residents.filter(() => rng.chance(text.important ? 0.35 : 0.12)))
          event(
            approved + 2 * MINUTE + Math.floor(rng.next() * 7 * DAY),
            { kind: 'read', bulletin, reader: r.userId, street: street.streetId },
            cp.community.communityId,
          );
    }
  }
}
