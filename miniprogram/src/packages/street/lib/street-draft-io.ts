/** A street bulletin's draft: the community editor's hook (`useDraftEditor`) over the street's calls. */

import { type StreetBulletin, type StreetBulletinInput, streetBulletins } from '@/services/street';
import { commonBodyOf, type DraftIo } from '../../bulletins-admin/edit/draft-io';

export function streetDraftIo(streetId: string, editingId: string): DraftIo<StreetBulletin, StreetBulletinInput> {
  return {
    loadKey: streetId && editingId ? `street:${streetId}:${editingId}` : null,
    load: () => streetBulletins.get(streetId, editingId),
    audienceOf: (b) => ({
      audienceType: b.audience.type === 'street' ? 'community' : 'communities',
      estateIds: [],
      gridIds: [],
      communityIds: b.audience.type === 'communities' ? b.audience.communityIds : [],
    }),
    bodyOf: (d) => ({
      ...commonBodyOf(d),
      audience:
        d.audienceType === 'communities' ? { type: 'communities', communityIds: d.communityIds } : { type: 'street' },
    }),
    create: (body, key) => streetBulletins.create(streetId, body, key),
    update: (saved, body) => streetBulletins.update(streetId, saved.bulletinId, { ...body, version: saved.version }),
    submit: (saved) => streetBulletins.move(streetId, saved.bulletinId, 'submit'),
  };
}
