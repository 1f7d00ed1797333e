import { BULLETIN_STATUS_LABELS, type BulletinKind, editMakesRevision, nextBulletinStatus } from '@linli/shared/rules';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { fieldErrors, namesAField, revealFirstError } from '@/lib/field-errors';
import { pickAndUploadImage } from '@/lib/pick-image';
import { toApiError } from '@/services/api';
import type { EditorBlock } from '../lib/editor-html';
import { communityIo, type DraftAudience, type DraftIo, type SavedBulletin } from './draft-io';
import { type PublishTime, publishTimeOf } from './publish-time-field';

export type { DraftIo, SavedBulletin } from './draft-io';

/** Who reads it: a community's bulletin goes to it, its estates or grids; a street's to all its communities or chosen ones. */
export type AudienceType = 'community' | 'estates' | 'grids' | 'communities';
const FIELDS = ['title', 'kind', 'coverKey', 'body', 'images', 'audience', 'important', 'pinned', 'publishAt'] as const;
type Field = (typeof FIELDS)[number];

export interface Draft extends PublishTime {
  title: string;
  kind: BulletinKind;
  /** The body as the toolbar editor holds it; sent as markup (`blocksToMarkup`). */
  blocks: EditorBlock[];
  audienceType: AudienceType;
  estateIds: string[];
  gridIds: string[];
  /** A street bulletin's chosen communities. */
  communityIds: string[];
  important: boolean;
  pinned: boolean;
  coverKey: string | null;
  coverPreview: string | null;
}

const EMPTY: Draft = {
  title: '',
  kind: 'notice',
  blocks: [],
  audienceType: 'community',
  estateIds: [],
  gridIds: [],
  communityIds: [],
  important: false,
  pinned: false,
  publishDate: '',
  publishTime: '',
  coverKey: null,
  coverPreview: null,
};

/** The API field each part of the draft fills (its error goes when that part changes). */
const FIELD_OF: Record<keyof Draft, Field> = {
  title: 'title',
  kind: 'kind',
  blocks: 'body',
  audienceType: 'audience',
  estateIds: 'audience',
  gridIds: 'audience',
  communityIds: 'audience',
  important: 'important',
  pinned: 'pinned',
  publishDate: 'publishAt',
  publishTime: 'publishAt',
  coverKey: 'coverKey',
  coverPreview: 'coverKey',
};

function draftOf<B extends SavedBulletin>(b: B, audience: DraftAudience): Draft {
  return {
    title: b.title,
    kind: b.kind,
    blocks: b.blocks,
    ...audience,
    important: b.important,
    pinned: b.pinned,
    ...publishTimeOf(b.publishAt),
    coverKey: null,
    coverPreview: b.coverUrl,
  };
}

/** What the edit page may offer on a bulletin: what the server allows this viewer now (a new one: both). */
export interface EditOffer {
  /** 保存: the server allows `edit` (a new bulletin is saved as a draft). */
  save: boolean;
  /** 提交审核 after saving: the server allows `submit` (only a draft). */
  submit: boolean;
  /** The save button's words: 保存修改 when the edit makes a new revision of a published text, else 保存草稿. */
  saveLabel: string;
  /** What saving does to the bulletin's state, in words, when it is more than keeping a draft a draft. */
  effect: string | undefined;
}

/** The offer for `saved` as the server sent it: its `allowedActions` and the lifecycle's word on where an edit leads. */
export function editOfferOf(saved: SavedBulletin | undefined): EditOffer {
  const saveLabel = '保存草稿';
  if (!saved) return { save: true, submit: true, saveLabel, effect: undefined };
  const save = saved.allowedActions.includes('edit');
  const submit = saved.allowedActions.includes('submit');
  if (!save) return { save, submit, saveLabel, effect: undefined };
  if (editMakesRevision(saved))
    return { save, submit, saveLabel: '保存修改', effect: '保存后居民马上看到新内容，旧内容保留为历史版本。' };
  // Where an edit leads depends on the state alone: the author and the time play no part.
  const after = nextBulletinStatus(
    'edit',
    { status: saved.status, publishAt: saved.publishAt, authorId: '' },
    new Date().toISOString(),
  );
  return {
    save,
    submit,
    saveLabel,
    effect:
      after === saved.status
        ? undefined
        : `这条公告现在是「${saved.statusLabel}」。修改保存后会回到「${BULLETIN_STATUS_LABELS[after]}」，需要重新提交审核，另一位管理员通过后才会发布。`,
  };
}

/**
 * A bulletin being written or edited: the draft, what the server and this page say is wrong with it,
 * saving it (as a draft, or on to review) and its cover.
 */
export function useBulletinDraft(communityId: string | undefined, editingId: string) {
  return useDraftEditor(communityIo(communityId, editingId), Boolean(communityId));
}

/** The draft hook over any bulletin's calls (`io`); `ready` says the page knows where it saves. */
export function useDraftEditor<B extends SavedBulletin, I>(io: DraftIo<B, I>, ready: boolean) {
  const existing = useAsync(io.loadKey, () => io.load());
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saved, setSaved] = useState<B>();
  // What the person changed since the server's answer (its word on those fields is out of date),
  // and what this page found missing on the last save: nothing is said before the first save.
  const [changed, setChanged] = useState<ReadonlySet<Field>>(new Set());
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<string>();

  // The calls are made anew each render; the loaded bulletin is turned into a draft once, when it arrives.
  const current = useRef(io);
  current.current = io;
  useEffect(() => {
    if (existing.data) {
      setDraft(draftOf(existing.data, current.current.audienceOf(existing.data)));
      setSaved(existing.data);
    }
  }, [existing.data]);

  const saving = useWrite(
    async ({ body, thenSubmit }: { body: I; thenSubmit: boolean }, key: string) => {
      setChanged(new Set());
      let result = saved ? await io.update(saved, body) : await io.create(body, key);
      const before = saved?.status;
      // Submitted only when the saved bulletin allows it, as the server says.
      const submitting = thenSubmit && result.allowedActions.includes('submit');
      if (submitting) result = await io.submit(result);
      setSaved(result);
      setDone(
        submitting
          ? '已提交审核，等另一位管理员审核通过后发布'
          : result.status === 'published'
            ? '已保存修改，居民看到的是新内容'
            : before && before !== result.status
              ? `已保存，公告回到「${result.statusLabel}」，需要重新提交审核`
              : '草稿已保存',
      );
    },
    {
      // Saving and submitting the same bulletin is one intent: a retry never creates a second one.
      intentOf: ({ body }) => body,
      onError: (refused) => {
        if (namesAField(refused, FIELDS)) revealFirstError();
      },
    },
  );
  const covering = useWrite(async () => {
    try {
      const picked = await pickAndUploadImage(io.uploadCommunityId ?? '', 'bulletin');
      if (!picked) return;
      setDraft((d) => ({ ...d, coverKey: picked.key, coverPreview: picked.previewPath }));
      setChanged((prev) => new Set([...prev, 'coverKey']));
    } catch (e) {
      // A failed upload is about the cover, whatever the server named.
      const failure = toApiError(e);
      throw failure.fields.length
        ? failure
        : Object.assign(failure, { fields: [{ field: 'coverKey', message: failure.message }] });
    }
  });
  const busy = saving.busy || covering.busy;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setDone(undefined);
    const field = FIELD_OF[key];
    setChanged((prev) => (prev.has(field) ? prev : new Set([...prev, field])));
    setMissing(({ [field]: _, ...rest }) => rest);
  };
  const fromServer: Partial<Record<Field | 'general', string>> = fieldErrors(saving.error ?? covering.error, FIELDS);
  for (const field of changed) delete fromServer[field];

  async function save(thenSubmit: boolean) {
    if (!ready || busy) return;
    // Said at once, where the eye is: the server would refuse the same.
    const found: Partial<Record<Field, string>> = {};
    if ([...draft.title.trim()].length < 2) found.title = '标题至少 2 个字';
    if (draft.blocks.length === 0) found.body = '正文不能为空';
    setMissing(found);
    if (Object.keys(found).length) return revealFirstError();
    // Saving a published bulletin changes what residents read at once: ask first.
    if (saved && editMakesRevision(saved)) {
      const { confirm } = await Taro.showModal({
        title: '修改已发布的公告',
        content: '保存后居民马上看到新内容（旧内容会保留为历史版本）。确定保存吗？',
        confirmText: '确定保存',
        cancelText: '再看看',
      });
      if (!confirm) return;
    }
    covering.reset();
    await saving.run({ body: io.bodyOf(draft, saved), thenSubmit });
  }

  function addCover() {
    if (!io.uploadCommunityId || busy) return;
    saving.reset();
    void covering.run(undefined);
  }

  return {
    existing,
    draft,
    /** Changes the draft as a whole, not one field the person typed in (its errors stay). */
    setDraft,
    set,
    saved,
    errors: { ...fromServer, ...missing },
    done,
    busy: {
      save: saving.busy && !saving.last?.thenSubmit,
      submit: saving.busy && !!saving.last?.thenSubmit,
      cover: covering.busy,
    },
    save,
    addCover,
  };
}
