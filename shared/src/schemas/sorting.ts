/** The sorting guide's community side: which names it shows the categories by, and the admins' local entries. */
import * as z from 'zod';
import { SORTING_CATEGORIES, SORTING_STANDARDS } from '../sorting/categories.js';
import { IsoTime } from './common.js';

export const MAX_LOCAL_SORTING_ENTRIES = 200;

const Name = z
  .string({ error: '请填写物品名称' })
  .trim()
  .min(1, { error: '物品名称不能为空' })
  .max(20, { error: '物品名称最多 20 个字' });

export const SortingGuideEntry = z
  .object({
    name: Name,
    aliases: z.array(Name, { error: '别名须为列表' }).max(5, { error: '最多 5 个别名' }).default([]),
    category: z.enum(SORTING_CATEGORIES, { error: '请选择分类' }),
    /** How to put it out here ("投放到小区东门大件垃圾点"), or null for the category's usual way. */
    note: z.string({ error: '须为文字' }).trim().max(100, { error: '投放说明最多 100 个字' }).nullable().default(null),
  })
  .strict();
export type SortingGuideEntry = z.infer<typeof SortingGuideEntry>;

export const SortingGuide = z.object({
  communityId: z.string(),
  standard: z.enum(SORTING_STANDARDS),
  entries: z.array(SortingGuideEntry),
  /** What a change must name, so two admins' edits never overwrite each other unseen. */
  version: z.number().int(),
  updatedAt: IsoTime.nullable(),
});
export type SortingGuide = z.infer<typeof SortingGuide>;

export const SortingGuideBody = z
  .object({
    version: z.number({ error: '须为数字' }).int({ error: '须为整数' }).min(0),
    standard: z.enum(SORTING_STANDARDS, { error: '请选择分类叫法' }),
    entries: z
      .array(SortingGuideEntry, { error: '条目须为列表' })
      .max(MAX_LOCAL_SORTING_ENTRIES, { error: `本地条目最多 ${MAX_LOCAL_SORTING_ENTRIES} 条` }),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.entries.forEach((entry, i) => {
      for (const [j, name] of [entry.name, ...entry.aliases].entries()) {
        if (seen.has(name))
          ctx.addIssue({
            code: 'custom',
            path: ['entries', i, ...(j === 0 ? ['name'] : ['aliases', j - 1])],
            message: `“${name}”已在本地条目中`,
          });
        seen.add(name);
      }
    });
  });
export type SortingGuideBody = z.infer<typeof SortingGuideBody>;
