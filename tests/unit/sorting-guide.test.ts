/**
 * 这个怎么分's list and search, as the phone runs them: at least 300 items,
 * each name once; found by characters, by pinyin initials, inside a longer
 * phrase; the community's own entry first; a thing it does not know answered
 * with the nearest items; the names of the categories by the community's
 * standard.
 */
import { describe, expect, it } from 'vitest';
import {
  buildGuideIndex,
  COMMON_ITEMS,
  categoryName,
  type GuideItem,
  pinyinInitials,
  searchGuide,
} from '../../shared/src/sorting/index.js';

const index = buildGuideIndex(COMMON_ITEMS);
const first = (query: string) => searchGuide(index, query).matches[0];

describe('the shipped list', () => {
  it('holds at least 300 items, every name and alias once, under the four categories', () => {
    expect(COMMON_ITEMS.length).toBeGreaterThanOrEqual(300);
    const names = COMMON_ITEMS.flatMap((i) => [i.name, ...i.aliases]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(new Set(COMMON_ITEMS.map((i) => i.category))).toEqual(
      new Set(['recyclable', 'hazardous', 'kitchen', 'residual']),
    );
  });
});

describe('searching', () => {
  it.each([
    ['易拉罐', '易拉罐', 'recyclable'],
    ['外卖盒', '外卖盒', 'residual'],
    ['过期药', '过期药品', 'hazardous'],
    ['大骨头', '大骨头', 'residual'],
    ['果皮', '果皮', 'kitchen'],
  ])('finds %s as %s (%s)', (query, name, category) => {
    expect(first(query)).toMatchObject({ name, category });
  });

  it('finds by pinyin initials, and by a phrase that holds a name', () => {
    expect(pinyinInitials('易拉罐')).toBe('ylg');
    expect(first('ylg')?.name).toBe('易拉罐');
    expect(first('DGT')?.name).toBe('大骨头');
    expect(first('喝完的易拉罐')?.name).toBe('易拉罐');
    expect(first('可乐罐')?.name).toBe('易拉罐');
  });

  it('answers a thing it does not know with the nearest items, and nothing for an empty query', () => {
    const unknown = searchGuide(index, '飞机');
    expect(unknown.matches).toEqual([]);
    expect(unknown.nearest.length).toBeGreaterThan(0);
    expect(unknown.nearest.every((i) => [...i.name, ...i.aliases.join('')].some((c) => '飞机'.includes(c)))).toBe(true);
    expect(searchGuide(index, '  ')).toEqual({ matches: [], nearest: [] });
  });

  it('puts the community’s own entry first, over the shipped one of the same name', () => {
    const local: GuideItem = { name: '大骨头', aliases: [], category: 'kitchen', note: '本社区厨余处理站收大骨头' };
    const ours = buildGuideIndex(COMMON_ITEMS, [local]);
    expect(searchGuide(ours, '大骨头').matches[0]).toMatchObject({ ...local, local: true });
  });

  it('names the categories by the community’s standard', () => {
    expect(categoryName('kitchen', 'national')).toBe('厨余垃圾');
    expect(categoryName('kitchen', 'shanghai')).toBe('湿垃圾');
    expect(categoryName('residual', 'shanghai')).toBe('干垃圾');
    expect(categoryName('recyclable', 'shanghai')).toBe('可回收物');
  });
});
