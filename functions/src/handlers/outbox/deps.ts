import * as part from '../../deps.js';

const STREET_MS = 5 * 60_000;

/** What the stream consumer uses, built once per cold start. */
export const deps = part.once(() => {
  const streets = new Map<string, { until: number; streetId: string | undefined }>();
  return {
    messages: part.messages(),
    photoChecks: part.photoChecks(),
    users: part.users(),
    wechat: part.wechat(),
    photos: part.photos(),
    templates: part.config.wechat.templates,
    rollups: part.rollups(),
    /** A community's street, remembered for 5 minutes (a community changes street at a re-organisation). */
    async streetOf(communityId: string) {
      const hit = streets.get(communityId);
      if (hit && hit.until > Date.now()) return hit.streetId;
      const streetId = (await part.communities().get(communityId))?.streetId;
      streets.set(communityId, { until: Date.now() + STREET_MS, streetId });
      return streetId;
    },
    now: part.now,
  };
});
