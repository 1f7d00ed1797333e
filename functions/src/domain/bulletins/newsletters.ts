import { NotFoundError, ValidationError } from '@linli/shared';
import { newId } from '../../data/keys.js';
import { checkPhotos } from '../feedback/checks.js';
import type { BulletinDeps, Reader } from './deps.js';
import { newsletterIssue } from './read.js';

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
  const issueId = newId(deps.now());
  await deps.bulletins.putNewsletter(communityId, { issueId, ...body, createdAt: deps.now().toISOString() });
  return newsletterIssue(deps, editor, communityId, issueId);
}

export async function listNewsletters(deps: BulletinDeps, communityId: string) {
  const issues = await deps.bulletins.newsletters(communityId);
  if (!issues) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return {
    items: await Promise.all(
      issues
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(async (i) => ({
          issueId: i.issueId,
          title: i.title,
          coverUrl: i.coverKey ? await deps.photos.presignGet(i.coverKey) : null,
          createdAt: i.createdAt,
        })),
    ),
  };
}
