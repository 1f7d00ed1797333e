import { type ReportRecord, reports } from '../../data/feedback.js';
import type { PhotoToCheck } from '../../data/photo-checks.js';

/** The report's new photos to check with WeChat; a hidden one is marked on the report and its uploader told. */
export function reportPhotoChecks(
  r: ReportRecord,
  photoKeys: readonly string[],
  uploader: { userId: string; openid?: string },
  what: 'feedback' | 'proof',
): PhotoToCheck[] {
  const { pk, sk } = reports.key(r);
  return photoKeys.map((photoKey) => ({
    photoKey,
    openid: uploader.openid ?? null,
    owner: {
      pk,
      sk,
      versioned: true,
      notify: {
        userId: uploader.userId,
        communityId: r.communityId,
        link: `packages/feedback/detail/index?communityId=${r.communityId}&reportId=${r.reportId}`,
        what: what === 'proof' ? '您上传的处理照片' : '您反映问题时上传的照片',
      },
    },
  }));
}
