import { NotFoundError, ValidationError } from '@linli/shared';
import { newsletters } from '../../data/bulletins/newsletters.js';
import { newId } from '../../data/keys.js';
import type { PhotoToCheck } from '../../data/photo-checks.js';
import { checkPhotos } from '../feedback/checks.js';
import type { BulletinDeps, Reader } from './deps.js';
import { coverOf, newsletterIssue } from './read.js';

/** An issue (期) of the neighbourhood newsletter groups its articles under a cover. */
export async function createNewsletter(
  deps: BulletinDeps,
  editor: Reader,
  communityId: string,
  body: { title: string; coverKey: string | null; bulletinIds: string[] },
) {
  const articles = await Promise.all(body.bulletinIds.map((id) => deps.bulletins.get(communityId, id)));
  articles.forEach((b, i) => {
    if (b?.kind !== 'newsletter')
      throw new ValidationError([{ field: `body.bulletinIds.${i}`, message: '只能收录本社区“睦邻服务报”类的文章' }]);
  });
  await checkPhotos(deps, communityId, body.coverKey ? [body.coverKey] : [], ['bulletin'], 'body.coverKey');
  const now = deps.now();
  const issueId = newId(now);
  const { pk, sk } = newsletters.key({ communityId, issueId });
  // The cover is checked by WeChat after the issue is written; a risky one is marked on the issue, its editor told.
  const checks: PhotoToCheck[] = body.coverKey
    ? [
        {
          photoKey: body.coverKey,
          openid: editor.openid ?? null,
          owner: {
            pk,
            sk,
            versioned: false,
            notify: {
              userId: editor.userId,
              communityId,
              link: `packages/bulletins/issue/index?communityId=${communityId}&issueId=${issueId}`,
              what: `睦邻服务报“${body.title}”的封面图片`,
            },
          },
        },
      ]
    : [];
  await deps.bulletins.putNewsletter(
    communityId,
    { issueId, ...body, createdAt: now.toISOString() },
    deps.photoChecks.checkItems(checks, now),
  );
  return newsletterIssue(deps, editor, communityId, issueId);
}

export async function listNewsletters(deps: BulletinDeps, reader: Reader, communityId: string) {
  const issues = await deps.bulletins.newsletters(communityId);
  if (!issues) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return {
    items: await Promise.all(
      issues
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(async (i) => ({
          issueId: i.issueId,
          title: i.title,
          ...(await coverOf(deps, i, reader)),
          createdAt: i.createdAt,
        })),
    ),
  };
}
