import { BULLETIN_KIND_LABELS, BULLETIN_KINDS, type BulletinKind } from '@linli/shared/rules';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useCommunity } from '@/hooks/use-community';
import { go, withQuery } from '@/navigation';
import { BULLETIN_PAGES } from '@/services/bulletins';
import { BodyEditor } from '../components/body-editor';
import { useEditorCommunity } from '../lib/use-editor-community';
import { AudienceField } from './audience-picker';
import { BulletinPreview } from './preview';
import { PublishTimeField } from './publish-time-field';
import { editOfferOf, useBulletinDraft } from './use-bulletin-draft';
import './index.scss';

const KIND_CHOICES: Choice<BulletinKind>[] = BULLETIN_KINDS.map((k) => ({ value: k, label: BULLETIN_KIND_LABELS[k] }));
const YES_NO: Choice<'yes' | 'no'>[] = [
  { value: 'no', label: '否' },
  { value: 'yes', label: '是' },
];

/** Write or edit a bulletin, with a live preview; save as a draft or hand it to a second admin for review. */
export default function EditBulletinPage() {
  const { session, me, params, communityId } = useEditorCommunity();
  const editingId = params.bulletinId ?? '';
  const community = useCommunity(communityId);
  const { existing, draft, setDraft, set, saved, errors, done, busy, save, addCover } = useBulletinDraft(
    communityId,
    editingId,
  );

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

  // What this page offers is what the server allows on the bulletin now (`allowedActions`).
  const offer = editOfferOf(saved);
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
            <Button block fill="outline" loading={busy.cover} onClick={addCover}>
              {draft.coverPreview ? '换一张封面' : '选择封面图'}
            </Button>
            <FieldError message={errors.coverKey} />
          </Section>

          <AudienceField
            community={community}
            type={draft.audienceType}
            onType={(v) => set('audienceType', v)}
            chosen={draft.audienceType === 'estates' ? draft.estateIds : draft.gridIds}
            onChosen={(ids) => set(draft.audienceType === 'estates' ? 'estateIds' : 'gridIds', ids)}
            error={errors.audience}
          />

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

          <PublishTimeField
            value={draft}
            onChoose={(when) => setDraft((d) => ({ ...d, ...when }))}
            onChange={set}
            error={errors.publishAt}
          />
        </View>

        <View className="editor__preview">
          <BulletinPreview draft={draft} />

          <Section title={saved ? `状态：${saved.statusLabel}` : '保存'}>
            <FieldError message={errors.general} />
            {done && <Text className="editor__done">{done}</Text>}
            {offer.effect && <Text className="editor__effect">{offer.effect}</Text>}
            {!offer.save && <Text className="editor__effect">这条公告现在不能修改。</Text>}
            {offer.submit && (
              <Button block type="primary" size="large" loading={busy.submit} onClick={() => void save(true)}>
                提交审核
              </Button>
            )}
            {offer.save && (
              <Button
                block
                type={offer.submit ? 'default' : 'primary'}
                fill={offer.submit ? 'outline' : 'solid'}
                size={offer.submit ? 'normal' : 'large'}
                loading={busy.save}
                onClick={() => void save(false)}
              >
                {offer.saveLabel}
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
