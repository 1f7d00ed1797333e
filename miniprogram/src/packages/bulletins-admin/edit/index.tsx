import type { Community } from '@linli/shared';
import { BULLETIN_KIND_LABELS, BULLETIN_KINDS, type BulletinKind, blocksToMarkup } from '@linli/shared/rules';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Image, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { BulletinBlocks } from '@/components/bulletin-blocks';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useAsync } from '@/hooks/use-async';
import { useCommunity } from '@/hooks/use-community';
import { useIntentKey } from '@/hooks/use-intent-key';
import { fieldErrors, namesAField, revealFirstError } from '@/lib/field-errors';
import { pickAndUploadImage } from '@/lib/pick-image';
import { go, withQuery } from '@/navigation';
import { type ApiError, toApiError } from '@/services/api';
import { BULLETIN_PAGES, type Bulletin, type BulletinInput, bulletinsApi } from '@/services/bulletins';
import { BodyEditor } from '../components/body-editor';
import type { EditorBlock } from '../lib/editor-html';
import { useEditorCommunity } from '../lib/use-editor-community';
import './index.scss';

type AudienceType = 'community' | 'estates' | 'grids';
const FIELDS = ['title', 'kind', 'coverKey', 'body', 'images', 'audience', 'important', 'pinned', 'publishAt'] as const;
type Field = (typeof FIELDS)[number];
const KIND_CHOICES: Choice<BulletinKind>[] = BULLETIN_KINDS.map((k) => ({ value: k, label: BULLETIN_KIND_LABELS[k] }));
const AUDIENCE_CHOICES: Choice<AudienceType>[] = [
  { value: 'community', label: '全社区' },
  { value: 'estates', label: '指定小区' },
  { value: 'grids', label: '指定网格' },
];
const YES_NO: Choice<'yes' | 'no'>[] = [
  { value: 'no', label: '否' },
  { value: 'yes', label: '是' },
];
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

interface Draft {
  title: string;
  kind: BulletinKind;
  /** The body as the toolbar editor holds it; sent as markup (`blocksToMarkup`). */
  blocks: EditorBlock[];
  audienceType: AudienceType;
  estateIds: string[];
  gridIds: string[];
  important: boolean;
  pinned: boolean;
  /** Shanghai date and time, or '' for "as soon as approved". */
  publishDate: string;
  publishTime: string;
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
  important: 'important',
  pinned: 'pinned',
  publishDate: 'publishAt',
  publishTime: 'publishAt',
  coverKey: 'coverKey',
  coverPreview: 'coverKey',
};

function shanghaiParts(iso: string): { date: string; time: string } {
  const t = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString();
  return { date: t.slice(0, 10), time: t.slice(11, 16) };
}

function draftOf(b: Bulletin): Draft {
  const at = b.publishAt ? shanghaiParts(b.publishAt) : { date: '', time: '' };
  return {
    title: b.title,
    kind: b.kind,
    blocks: b.blocks,
    audienceType: b.audience.type,
    estateIds: b.audience.type === 'estates' ? b.audience.estateIds : [],
    gridIds: b.audience.type === 'grids' ? b.audience.gridIds : [],
    important: b.important,
    pinned: b.pinned,
    publishDate: at.date,
    publishTime: at.time,
    coverKey: null,
    coverPreview: b.coverUrl,
  };
}

function bodyOf(d: Draft, keepCover: string | null): BulletinInput {
  const audience: BulletinInput['audience'] =
    d.audienceType === 'estates'
      ? { type: 'estates', estateIds: d.estateIds }
      : d.audienceType === 'grids'
        ? { type: 'grids', gridIds: d.gridIds }
        : { type: 'community' };
  return {
    title: d.title.trim(),
    kind: d.kind,
    coverKey: d.coverKey ?? keepCover,
    body: blocksToMarkup(d.blocks),
    audience,
    important: d.important,
    pinned: d.pinned,
    publishAt: d.publishDate ? `${d.publishDate}T${d.publishTime || '08:00'}:00+08:00` : null,
  };
}

/** The cover a saved bulletin already has, as its photo key (`…/photos/…` inside its URL). */
function coverKeyOf(b: Bulletin | undefined): string | null {
  const match = b?.coverUrl
    ? /photos\/[A-Za-z0-9_-]+\/bulletin\/\d{4}-\d{2}\/[a-z0-9]+\.(jpg|png|webp)/.exec(b.coverUrl)
    : null;
  return match?.[0] ?? null;
}

/** Write or edit a bulletin, with a live preview; save as a draft or hand it to a second admin for review. */
export default function EditBulletinPage() {
  const { session, me, params, communityId } = useEditorCommunity();
  const editingId = params.bulletinId ?? '';
  const community = useCommunity(communityId);
  const existing = useAsync(communityId && editingId ? `${communityId}:${editingId}` : null, () =>
    bulletinsApi.get(communityId ?? '', editingId),
  );
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saved, setSaved] = useState<Bulletin>();
  const [busy, setBusy] = useState<'save' | 'submit' | 'cover'>();
  const [error, setError] = useState<ApiError>();
  // What the person changed since the server's answer (its word on those fields is out of date),
  // and what this page found missing on the last save: nothing is said before the first save.
  const [changed, setChanged] = useState<ReadonlySet<Field>>(new Set());
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<string>();
  const { keyFor, settle } = useIntentKey();

  useEffect(() => {
    if (existing.data) {
      setDraft(draftOf(existing.data));
      setSaved(existing.data);
    }
  }, [existing.data]);

  const title = editingId ? '修改公告' : '写公告';
  if (!session)
    return (
      <Screen title={title}>
        <SignInPrompt reason="请以社区管理员身份登录后编写公告。" />
      </Screen>
    );
  if (!me.me)
    return (
      <Screen title={title}>
        <LoadState loading={me.loading} error={me.error} onRetry={me.reload} />
      </Screen>
    );
  if (!communityId)
    return (
      <Screen title={title}>
        <Section title="没有编辑权限">
          <Text className="para">公告只能由社区管理员编写。</Text>
        </Section>
      </Screen>
    );
  if (editingId && !saved)
    return (
      <Screen title={title}>
        <LoadState loading={existing.loading} error={existing.error} onRetry={() => void existing.reload()} />
      </Screen>
    );

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setDone(undefined);
    const field = FIELD_OF[key];
    setChanged((prev) => (prev.has(field) ? prev : new Set([...prev, field])));
    setMissing(({ [field]: _, ...rest }) => rest);
  };
  const fromServer: Partial<Record<Field | 'general', string>> = fieldErrors(error, FIELDS);
  for (const field of changed) delete fromServer[field];
  const errors = { ...fromServer, ...missing };

  async function save(thenSubmit: boolean) {
    if (!communityId || busy) return;
    // Said at once, where the eye is: the server would refuse the same.
    const found: Partial<Record<Field, string>> = {};
    if ([...draft.title.trim()].length < 2) found.title = '标题至少 2 个字';
    if (draft.blocks.length === 0) found.body = '正文不能为空';
    setMissing(found);
    if (Object.keys(found).length) return revealFirstError();
    // Saving a published bulletin changes what residents read at once: ask first.
    if (saved?.status === 'published') {
      const { confirm } = await Taro.showModal({
        title: '修改已发布的公告',
        content: '保存后居民马上看到新内容（旧内容会保留为历史版本）。确定保存吗？',
        confirmText: '确定保存',
        cancelText: '再看看',
      });
      if (!confirm) return;
    }
    setBusy(thenSubmit ? 'submit' : 'save');
    setError(undefined);
    setChanged(new Set());
    try {
      const body = bodyOf(draft, coverKeyOf(saved));
      let result = saved
        ? await bulletinsApi.update(communityId, saved.bulletinId, { ...body, version: saved.version })
        : await bulletinsApi.create(communityId, body, keyFor(body));
      settle();
      if (thenSubmit && result.status === 'draft')
        result = await bulletinsApi.move(communityId, result.bulletinId, 'submit');
      setSaved(result);
      setDone(
        thenSubmit
          ? '已提交审核，等另一位管理员审核通过后发布'
          : result.status === 'published'
            ? '已保存修改，居民看到的是新内容'
            : '草稿已保存',
      );
    } catch (e) {
      const refused = toApiError(e);
      setError(refused);
      if (namesAField(refused, FIELDS)) revealFirstError();
    } finally {
      setBusy(undefined);
    }
  }

  async function addCover() {
    if (!communityId || busy) return;
    setBusy('cover');
    setError(undefined);
    try {
      const picked = await pickAndUploadImage(communityId, 'bulletin');
      if (!picked) return;
      setDraft((d) => ({ ...d, coverKey: picked.key, coverPreview: picked.previewPath }));
      setChanged((prev) => new Set([...prev, 'coverKey']));
    } catch (e) {
      const failure = toApiError(e);
      setError(
        failure.fields.length
          ? failure
          : Object.assign(failure, { fields: [{ field: 'coverKey', message: failure.message }] }),
      );
    } finally {
      setBusy(undefined);
    }
  }

  const submitted = saved && saved.status !== 'draft' && saved.status !== 'published';
  return (
    <Screen title={title}>
      <View className="editor">
        <View className="editor__form">
          <Section title="标题">
            <Input
              className="editor__title"
              value={draft.title}
              onChange={(v) => set('title', v)}
              placeholder="例如：春晖苑周六停水通知"
              maxLength={60}
            />
            <FieldError message={errors.title} />
          </Section>

          <Section title="类型">
            <ChoiceChips columns={3} choices={KIND_CHOICES} value={draft.kind} onChange={(v) => set('kind', v)} />
            <FieldError message={errors.kind} />
          </Section>

          <Section title="正文" note="用下面的按钮排版，右边（或下面）的预览就是居民看到的样子">
            <BodyEditor
              key={editingId || 'new'}
              communityId={communityId}
              initial={draft.blocks}
              onChange={(blocks) => set('blocks', blocks)}
              error={errors.body ?? errors.images}
            />
          </Section>

          <Section title="封面图（选填）">
            {draft.coverPreview && <Image className="editor__cover" src={draft.coverPreview} mode="aspectFill" />}
            <Button block fill="outline" loading={busy === 'cover'} onClick={() => void addCover()}>
              {draft.coverPreview ? '换一张封面' : '选择封面图'}
            </Button>
            <FieldError message={errors.coverKey} />
          </Section>

          <Section title="发给谁看" note="只有范围内的居民能看到这条公告">
            <ChoiceChips
              columns={3}
              choices={AUDIENCE_CHOICES}
              value={draft.audienceType}
              onChange={(v) => set('audienceType', v)}
            />
            {draft.audienceType !== 'community' && (
              <AudiencePicker
                community={community.data}
                type={draft.audienceType}
                chosen={draft.audienceType === 'estates' ? draft.estateIds : draft.gridIds}
                onChange={(ids) => set(draft.audienceType === 'estates' ? 'estateIds' : 'gridIds', ids)}
              />
            )}
            {!community.data && (
              <LoadState loading={community.loading} error={community.error} onRetry={() => void community.reload()} />
            )}
            <FieldError message={errors.audience} />
          </Section>

          <Section title="重要通知" note="重要通知要求居民点“我已阅读”，并统计未读住户">
            <ChoiceChips
              columns={2}
              choices={YES_NO}
              value={draft.important ? 'yes' : 'no'}
              onChange={(v) => set('important', v === 'yes')}
            />
            <FieldError message={errors.important} />
          </Section>

          <Section title="置顶">
            <ChoiceChips
              columns={2}
              choices={YES_NO}
              value={draft.pinned ? 'yes' : 'no'}
              onChange={(v) => set('pinned', v === 'yes')}
            />
            <FieldError message={errors.pinned} />
          </Section>

          <Section title="发布时间" note="审核通过后发布；也可以定一个时间">
            <ChoiceChips
              columns={2}
              choices={[
                { value: 'now', label: '立即发布' },
                { value: 'later', label: '定时发布' },
              ]}
              value={draft.publishDate ? 'later' : 'now'}
              onChange={(v) => {
                if (v === 'now') setDraft((d) => ({ ...d, publishDate: '', publishTime: '' }));
                else {
                  const tomorrow = shanghaiParts(new Date(Date.now() + 86_400_000).toISOString());
                  setDraft((d) => ({
                    ...d,
                    publishDate: d.publishDate || tomorrow.date,
                    publishTime: d.publishTime || '08:00',
                  }));
                }
              }}
            />
            {draft.publishDate && (
              <View className="editor__when">
                <Picker
                  mode="date"
                  value={draft.publishDate}
                  onChange={(e) => set('publishDate', String(e.detail.value))}
                >
                  <View className="editor__picker">{`日期：${draft.publishDate}`}</View>
                </Picker>
                <Picker
                  mode="time"
                  value={draft.publishTime}
                  onChange={(e) => set('publishTime', String(e.detail.value))}
                >
                  <View className="editor__picker">{`时间：${draft.publishTime}`}</View>
                </Picker>
              </View>
            )}
            <FieldError message={errors.publishAt} />
          </Section>
        </View>

        <View className="editor__preview">
          <Section title="预览" note="居民看到的样子">
            <View className="editor__preview-card">
              <Text className="editor__preview-kind">
                {`${draft.important ? '重要通知 · ' : ''}${BULLETIN_KIND_LABELS[draft.kind]}`}
              </Text>
              <Text className="editor__preview-title">{draft.title || '（标题）'}</Text>
              {draft.coverPreview && <Image className="editor__cover" src={draft.coverPreview} mode="widthFix" />}
              {draft.blocks.length > 0 ? (
                <BulletinBlocks blocks={draft.blocks} />
              ) : (
                <Text className="editor__preview-empty">（正文写在左边/上面，这里即时显示）</Text>
              )}
            </View>
          </Section>

          <Section title={saved ? `状态：${saved.statusLabel}` : '保存'}>
            <FieldError message={errors.general} />
            {done && <Text className="editor__done">{done}</Text>}
            {!submitted && (
              <Button block type="primary" size="large" loading={busy === 'submit'} onClick={() => void save(true)}>
                {saved?.status === 'published' ? '保存修改' : '提交审核'}
              </Button>
            )}
            {saved?.status !== 'published' && !submitted && (
              <Button block fill="outline" loading={busy === 'save'} onClick={() => void save(false)}>
                保存草稿
              </Button>
            )}
            <Button block fill="outline" onClick={() => go(withQuery(BULLETIN_PAGES.review, { communityId }))}>
              公告审核和发布
            </Button>
          </Section>
        </View>
      </View>
    </Screen>
  );
}

function AudiencePicker({
  community,
  type,
  chosen,
  onChange,
}: {
  community: Community | undefined;
  type: 'estates' | 'grids';
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  if (!community) return null;
  const estateName = new Map(community.estates.map((e) => [e.estateId, e.name]));
  const options =
    type === 'estates'
      ? community.estates.map((e) => ({ id: e.estateId, label: e.name }))
      : community.grids.map((g) => ({ id: g.gridId, label: `${g.name}（${estateName.get(g.estateId) ?? ''}）` }));
  return (
    <View className="chips editor__audience" aria-role="group">
      {options.map((o) => {
        const on = chosen.includes(o.id);
        return (
          <View
            key={o.id}
            className={`chip${on ? ' chip--chosen' : ''}`}
            hoverClass="chip--pressed"
            aria-role="checkbox"
            aria-checked={on}
            onClick={() => onChange(on ? chosen.filter((id) => id !== o.id) : [...chosen, o.id])}
          >
            <Text className="chip__label">{`${on ? '✓ ' : ''}${o.label}`}</Text>
          </View>
        );
      })}
    </View>
  );
}
