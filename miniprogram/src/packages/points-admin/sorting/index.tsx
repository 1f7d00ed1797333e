import type { SortingGuide, SortingGuideEntry } from '@linli/shared';
import {
  categoryName,
  SORTING_CATEGORIES,
  SORTING_STANDARD_LABELS,
  SORTING_STANDARDS,
  type SortingCategory,
  type SortingStandard,
} from '@linli/shared/sorting';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { Field } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { pointsApi } from '@/services/points';
import { AdminGate } from '../lib/admin-gate';
import './index.scss';

const EMPTY = { name: '', aliases: '', note: '' };

/** 别名 as typed: separated by 、，, or spaces. */
const aliasesOf = (text: string) =>
  text
    .split(/[、，,\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);

function GuideEditor({
  communityId,
  guide,
  onSaved,
}: {
  communityId: string;
  guide: SortingGuide;
  onSaved: () => void;
}) {
  const [standard, setStandard] = useState<SortingStandard>(guide.standard);
  const [entries, setEntries] = useState<SortingGuideEntry[]>(guide.entries);
  const [draft, setDraft] = useState(EMPTY);
  const [category, setCategory] = useState<SortingCategory>();
  const [draftError, setDraftError] = useState<string>();
  const saving = useWrite(async (body: { standard: SortingStandard; entries: SortingGuideEntry[] }) => {
    await pointsApi.replaceSortingGuide(communityId, { ...body, version: guide.version });
    void Taro.showToast({ title: '已保存', icon: 'success' });
    onSaved();
  });
  const errors = saving.errorsFor(['standard', 'entries'] as const);
  /** What the server said about entry `i`, by its own path (`body.entries.2.name`). */
  const entryError = (i: number) =>
    saving.error?.fields
      .filter((f) => f.field.startsWith(`body.entries.${i}.`) || f.field === `body.entries.${i}`)
      .map((f) => f.message)
      .join('；');

  function add() {
    const name = draft.name.trim();
    if (!name) return setDraftError('请填写物品名称');
    if (!category) return setDraftError('请选择分类');
    if (entries.some((e) => e.name === name || e.aliases.includes(name)))
      return setDraftError(`“${name}”已在本地条目中`);
    setEntries([...entries, { name, aliases: aliasesOf(draft.aliases), category, note: draft.note.trim() || null }]);
    setDraft(EMPTY);
    setCategory(undefined);
    setDraftError(undefined);
  }

  return (
    <>
      <Section title="分类叫法" note="居民查到的分类按这里的叫法显示">
        <ChoiceChips
          className="sorting-admin__standard"
          choices={SORTING_STANDARDS.map((s) => ({ value: s, label: SORTING_STANDARD_LABELS[s] }))}
          value={standard}
          onChange={setStandard}
        />
        <FieldError message={errors.standard} />
      </Section>

      <Section title="本社区的条目" note="居民查询时，本社区的说明排在前面；保存后生效">
        {entries.length === 0 && <Text className="para">还没有本社区的条目。</Text>}
        {entries.map((e, i) => (
          <View key={e.name} className="sorting-admin__entry" data-entry={e.name}>
            <View className="sorting-admin__entry-head">
              <Text className="sorting-admin__entry-name">{e.name}</Text>
              <Text>{categoryName(e.category, standard)}</Text>
            </View>
            {e.aliases.length > 0 && <Text className="para">也叫：{e.aliases.join('、')}</Text>}
            {e.note && <Text className="para">{e.note}</Text>}
            <FieldError message={entryError(i)} />
            <Button size="small" fill="outline" onClick={() => setEntries(entries.filter((_, j) => j !== i))}>
              删除
            </Button>
          </View>
        ))}
      </Section>

      <Section title="添加条目">
        <Field label="物品名称" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
        <Field
          label="别名（选填，用顿号分开）"
          value={draft.aliases}
          onChange={(aliases) => setDraft({ ...draft, aliases })}
        />
        <Text className="field__label">分类</Text>
        <ChoiceChips
          className="sorting-admin__category"
          columns={2}
          choices={SORTING_CATEGORIES.map((c) => ({ value: c, label: categoryName(c, standard) }))}
          value={category}
          onChange={setCategory}
        />
        <Field
          label="投放说明（选填，例如：投放到东门大件垃圾点）"
          value={draft.note}
          onChange={(note) => setDraft({ ...draft, note })}
        />
        <FieldError message={draftError} />
        <Button block fill="outline" type="primary" onClick={add}>
          添加到本社区条目
        </Button>
      </Section>

      <Section title="保存">
        <FieldError message={errors.entries ?? errors.general} />
        {saving.error?.code === 'SORTING_GUIDE_CHANGED' && (
          <Button block fill="outline" onClick={onSaved}>
            重新载入（放弃未保存的修改）
          </Button>
        )}
        <Button
          block
          type="primary"
          size="large"
          loading={saving.busy}
          disabled={saving.busy}
          onClick={() => void saving.run({ standard, entries })}
        >
          保存分类指南
        </Button>
      </Section>
    </>
  );
}

function Guide({ communityId }: { communityId: string }) {
  const guide = useAsync(communityId, () => pointsApi.sortingGuide(communityId));
  if (!guide.data) return <LoadState loading={guide.loading} error={guide.error} onRetry={guide.reload} />;
  // A new version is a new editor: what was saved (or changed by someone else) is what it starts from.
  return (
    <GuideEditor
      key={guide.data.version}
      communityId={communityId}
      guide={guide.data}
      onSaved={() => void guide.reload()}
    />
  );
}

/** The admins' side of 这个怎么分: the category names and the community's own entries. */
export default function SortingGuideAdminPage() {
  return (
    <Screen title="分类指南">
      <AdminGate>{(community) => <Guide communityId={community.communityId} />}</AdminGate>
    </Screen>
  );
}
