/**
 * 这个怎么分: finding a thing in the sorting guide, on the phone and offline.
 * A query matches an item's name or aliases by characters (易拉罐, 拉罐, 喝完的易拉罐)
 * or by pinyin initials (ylg); a thing the guide does not know is answered with
 * the nearest items by shared characters. Pure: the page builds the index once
 * from the shipped items and the community's local entries.
 */
import type { SortingCategory } from './categories.js';
import { HANZI_BY_INITIAL } from './initials.js';

export interface GuideItem {
  name: string;
  aliases: readonly string[];
  category: SortingCategory;
  /** How to put it out, where it differs from its category's usual way. */
  note: string | null;
  /** Added by the community's admins. */
  local?: boolean;
}

interface Term {
  text: string;
  initials: string;
}

export interface GuideIndex {
  readonly items: readonly GuideItem[];
  readonly terms: readonly (readonly Term[])[];
}

let initialOf: Map<string, string> | undefined;

/** The pinyin initials of `text` (易拉罐 → ylg); latin letters and digits stand for themselves, the rest is skipped. */
export function pinyinInitials(text: string): string {
  if (!initialOf) {
    initialOf = new Map();
    for (const [letter, chars] of Object.entries(HANZI_BY_INITIAL)) for (const c of chars) initialOf.set(c, letter);
  }
  let out = '';
  for (const char of text.toLowerCase()) {
    if (/[a-z0-9]/.test(char)) out += char;
    else out += initialOf.get(char) ?? '';
  }
  return out;
}

/** What a query and a name are compared as: no spaces, no brackets' content markers, latin in lower case. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()（）]/g, '');
}

/** Local entries come first, so a community's own answer wins over the shipped one of the same name. */
export function buildGuideIndex(common: readonly GuideItem[], local: readonly GuideItem[] = []): GuideIndex {
  const items = [...local.map((i) => ({ ...i, local: true })), ...common];
  return {
    items,
    terms: items.map((i) => [i.name, ...i.aliases].map((t) => ({ text: normalize(t), initials: pinyinInitials(t) }))),
  };
}

function score(q: string, latin: boolean, term: Term): number {
  if (latin) {
    if (term.initials === q) return 90;
    if (term.initials.startsWith(q)) return 70;
    if (term.initials.includes(q)) return 50;
    return 0;
  }
  if (term.text === q) return 100;
  if (term.text.startsWith(q)) return 80;
  if (term.text.includes(q)) return 60;
  // "喝完的易拉罐", "一个外卖盒": the query holds a whole name.
  if (term.text.length >= 2 && q.includes(term.text)) return 40 + term.text.length;
  return 0;
}

/** How much of the query the term shares (characters, or letters of the initials), 0…1. */
function closeness(q: string, latin: boolean, term: Term): number {
  const pool = latin ? term.initials : term.text;
  const chars = new Set(q);
  let shared = 0;
  for (const c of chars) if (pool.includes(c)) shared++;
  return shared / chars.size;
}

export interface GuideAnswer {
  /** Items the query names, best first. */
  matches: GuideItem[];
  /** When nothing matches: the nearest items, best first. */
  nearest: GuideItem[];
}

export function searchGuide(index: GuideIndex, query: string, limit = 8): GuideAnswer {
  const q = normalize(query);
  if (!q) return { matches: [], nearest: [] };
  const latin = /^[a-z]+$/.test(q);
  const ranked = (value: (term: Term) => number) =>
    index.items
      .map((item, i) => ({ item, i, s: Math.max(...(index.terms[i] ?? []).map(value)) }))
      .filter((r) => r.s > 0)
      .sort((a, b) => b.s - a.s || a.item.name.length - b.item.name.length || a.i - b.i)
      .slice(0, limit)
      .map((r) => r.item);
  const matches = ranked((t) => score(q, latin, t));
  if (matches.length) return { matches, nearest: [] };
  return { matches, nearest: ranked((t) => (closeness(q, latin, t) >= 0.34 ? closeness(q, latin, t) : 0)).slice(0, 5) };
}
