import type { StreetMembership } from '@linli/shared';
import { BULLETIN_KIND_LABELS, BULLETIN_KINDS, type BulletinKind } from '@linli/shared/rules';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { go, PAGES, withQuery } from '@/navigation';
import { BodyEditor } from '../../bulletins-admin/components/body-editor';
import { BulletinPreview } from '../../bulletins-admin/edit/preview';
import { PublishTimeField } from '../../bulletins-admin/edit/publish-time-field';
import { editOfferOf, useDraftEditor } from '../../bulletins-admin/edit/use-bulletin-draft';
import { CommunityPicker } from '../components/community-picker';
import { StreetGate } from '../components/street-gate';
import { streetDraftIo } from '../lib/street-draft-io';
import '../../bulletins-admin/edit/index.scss';

const KIND_CHOICES: Choice<BulletinKind>[] = BULLETIN_KINDS.map((k) => ({ value: k, label: BULLETIN_KIND_LABELS[k] }));
const YES_NO: Choice<'yes' | 'no'>[] = [
  { value: 'no', label: '否' },
  { value: 'yes', label: '是' },
];

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
        <Section title="标题">
          <Input
            className="editor__title"
            value={draft.title}
            onChange={(v) => set('title', v)}
            placeholder={`例如：${street.streetName}冬季用电安全提醒`}
            maxLength={60}
          />
          <FieldError message={errors.title} />
        </Section>

        <Section title="类型">
          <ChoiceChips columns={3} choices={KIND_CHOICES} value={draft.kind} onChange={(v) => set('kind', v)} />
          <FieldError message={errors.kind} />
        </Section>

        <Section title="正文" note="用下面的按钮排版；街道公告不带图片">
          <BodyEditor
            key={editingId || 'new'}
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

        <Section title="重要通知" note="重要通知要求居民点“我已阅读”，各社区统计未读住户">
          <ChoiceChips
            columns={2}
            choices={YES_NO}
            value={draft.important ? 'yes' : 'no'}
            onChange={(v) => set('important', v === 'yes')}
          />
        </Section>

        <Section title="置顶">
          <ChoiceChips
            columns={2}
            choices={YES_NO}
            value={draft.pinned ? 'yes' : 'no'}
            onChange={(v) => set('pinned', v === 'yes')}
          />
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
          <Button block fill="outline" onClick={() => go(withQuery(PAGES.streetBulletins, { streetId }))}>
            街道公告列表
          </Button>
        </Section>
      </View>
    </View>
  );
}
