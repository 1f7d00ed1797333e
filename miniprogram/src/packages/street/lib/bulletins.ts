/** What the street bulletin pages say of one: to whom it goes, and when. */
import { formatDateTime } from '@/lib/format';
import type { StreetBulletin } from '@/services/street';

export function audienceText(b: Pick<StreetBulletin, 'audience' | 'communities'>): string {
  if (b.audience.type === 'street') return '全部社区';
  return b.communities.map((c) => c.name).join('、');
}

export function whenText(b: Pick<StreetBulletin, 'publishedAt' | 'publishAt' | 'updatedAt'>): string {
  if (b.publishedAt) return `发布于 ${formatDateTime(b.publishedAt)}`;
  if (b.publishAt) return `定于 ${formatDateTime(b.publishAt)} 发布`;
  return `更新于 ${formatDateTime(b.updatedAt)}`;
}
