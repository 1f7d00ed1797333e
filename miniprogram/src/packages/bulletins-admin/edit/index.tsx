import { Button } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
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
import { DraftHeading, DraftOptions, DraftSave } from './draft-parts';
import { BulletinPreview } from './preview';
import { editOfferOf, useBulletinDraft } from './use-bulletin-draft';
import './index.scss';

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
          <DraftHeading draft={draft} set={set} errors={errors} placeholder="例如：春晖苑周六停水通知" />

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

          <DraftOptions
            draft={draft}
            set={set}
            setDraft={setDraft}
            errors={errors}
            importantNote="重要通知要求居民点“我已阅读”，并统计未读住户"
          />
        </View>

        <View className="editor__preview">
          <BulletinPreview draft={draft} />

          <DraftSave statusLabel={saved?.statusLabel} offer={offer} done={done} errors={errors} busy={busy} save={save}>
            <Button block fill="outline" onClick={() => go(withQuery(BULLETIN_PAGES.review, { communityId }))}>
              公告审核和发布
            </Button>
          </DraftSave>
        </View>
      </View>
    </Screen>
  );
}
