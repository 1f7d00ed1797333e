/**
 * The four categories of the national standard (GB/T 19095-2019) and the
 * names a community shows them by: the national ones, or Shanghai's
 * (湿垃圾 / 干垃圾), where the community chooses them.
 */
export const SORTING_CATEGORIES = ['recyclable', 'hazardous', 'kitchen', 'residual'] as const;
export type SortingCategory = (typeof SORTING_CATEGORIES)[number];

export const SORTING_STANDARDS = ['national', 'shanghai'] as const;
export type SortingStandard = (typeof SORTING_STANDARDS)[number];

export const SORTING_STANDARD_LABELS: Record<SortingStandard, string> = {
  national: '全国标准（可回收物、有害垃圾、厨余垃圾、其他垃圾）',
  shanghai: '上海叫法（可回收物、有害垃圾、湿垃圾、干垃圾）',
};

const NAMES: Record<SortingStandard, Record<SortingCategory, string>> = {
  national: { recyclable: '可回收物', hazardous: '有害垃圾', kitchen: '厨余垃圾', residual: '其他垃圾' },
  shanghai: { recyclable: '可回收物', hazardous: '有害垃圾', kitchen: '湿垃圾', residual: '干垃圾' },
};

export function categoryName(category: SortingCategory, standard: SortingStandard): string {
  return NAMES[standard][category];
}

/** How to put out an item of the category, unless the item says otherwise. */
export const HOW_TO_PUT_OUT: Record<SortingCategory, string> = {
  recyclable: '保持干净干燥，压扁或捆好，投入蓝色可回收物桶，或交到服务站称重换积分。',
  hazardous: '轻放，不要破损；药品连同包装，灯管防止破碎，投入红色有害垃圾桶。',
  kitchen: '沥干水分，去掉塑料袋等包装后，投入绿色厨余垃圾桶（破袋投放）。',
  residual: '投入灰色其他垃圾桶；尽量沥干，不要混入可回收物和有害垃圾。',
};
