import type { StreetMembership } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { go, PAGES, withQuery } from '@/navigation';
import { BodyEditor } from '../../bulletins-admin/components/body-editor';
import { DraftHeading, DraftOptions, DraftSave } from '../../bulletins-admin/edit/draft-parts';
import { BulletinPreview } from '../../bulletins-admin/edit/preview';
import { editOfferOf, useDraftEditor } from '../../bulletins-admin/edit/use-bulletin-draft';
import { CommunityPicker } from '../components/community-picker';
import { StreetGate } from '../components/street-gate';
import { streetDraftIo } from '../lib/street-draft-io';
import '../../bulletins-admin/edit/index.scss';

/** Write or edit a street bulletin with the community editor's parts, for all the street's communities or chosen ones. */
export default function StreetBulletinEditPage() {
  const { params } = useRouter();
  const editingId = params.bulletinId ?? '';
  return (
    <Screen title={editingId ? '修改街道公告' : '写街道公告'}>
      <StreetGate>{(street) => <Editor street={street} editingId={editingId} />}</StreetGate>
    </Screen>
  );
}

function Editor({ street, editingId }: { street: StreetMembership; editingId: string }) {
  const { streetId } = street;
  const { existing, draft, setDraft, set, saved, errors, done, busy, save } = useDraftEditor(
    streetDraftIo(streetId, editingId),
    true,
  );
  if (editingId && !saved)
    return <LoadState loading={existing.loading} error={existing.error} onRetry={() => void existing.reload()} />;

  // What this page offers is what the server allows on the bulletin now (`allowedActions`).
  const offer = editOfferOf(saved);
  return (
    <View className="editor">
      <View className="editor__form">
        <DraftHeading
          draft={draft}
          set={set}
          errors={errors}
          placeholder={`例如：${street.streetName}冬季用电安全提醒`}
        />

        <Section title="正文" note="用下面的按钮排版，可插入图片；批准后各社区居民看到的就是右边（或下面）的样子">
          <BodyEditor
            key={editingId || 'new'}
            streetId={streetId}
            initial={draft.blocks}
            onChange={(blocks) => set('blocks', blocks)}
            error={errors.body}
          />
        </Section>

        <CommunityPicker
          streetId={streetId}
          scope={draft.audienceType === 'communities' ? 'communities' : 'community'}
          onScope={(v) => set('audienceType', v)}
          chosen={draft.communityIds}
          onChosen={(ids) => set('communityIds', ids)}
          error={errors.audience}
        />

        <DraftOptions
          draft={draft}
          set={set}
          setDraft={setDraft}
          errors={errors}
          importantNote="重要通知要求居民点“我已阅读”，各社区统计未读住户"
        />
      </View>

      <View className="editor__preview">
        <BulletinPreview draft={draft} />

        <DraftSave statusLabel={saved?.statusLabel} offer={offer} done={done} errors={errors} busy={busy} save={save}>
          <Button block fill="outline" onClick={() => go(withQuery(PAGES.streetBulletins, { streetId }))}>
            街道公告列表
          </Button>
        </DraftSave>
      </View>
    </View>
  );
}
