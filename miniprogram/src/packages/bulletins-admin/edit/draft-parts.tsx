/** The parts of a bulletin's edit page that a community's and a street's editor share. */
import { BULLETIN_KIND_LABELS, BULLETIN_KINDS, type BulletinKind } from '@linli/shared/rules';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import { PublishTimeField } from './publish-time-field';
import type { Draft, EditOffer } from './use-bulletin-draft';

const KIND_CHOICES: Choice<BulletinKind>[] = BULLETIN_KINDS.map((k) => ({ value: k, label: BULLETIN_KIND_LABELS[k] }));
const YES_NO: Choice<'yes' | 'no'>[] = [
  { value: 'no', label: '否' },
  { value: 'yes', label: '是' },
];

type Errors = Partial<Record<string, string>>;
type SetField = <K extends keyof Draft>(key: K, value: Draft[K]) => void;

/** 标题 and 类型. */
export function DraftHeading(p: { draft: Draft; set: SetField; errors: Errors; placeholder: string }) {
  return (
    <>
      <Section title="标题">
        <Input
          className="editor__title"
          value={p.draft.title}
          onChange={(v) => p.set('title', v)}
          placeholder={p.placeholder}
          maxLength={60}
        />
        <FieldError message={p.errors.title} />
      </Section>
      <Section title="类型">
        <ChoiceChips columns={3} choices={KIND_CHOICES} value={p.draft.kind} onChange={(v) => p.set('kind', v)} />
        <FieldError message={p.errors.kind} />
      </Section>
    </>
  );
}

/** 重要通知, 置顶 and the publication time. */
export function DraftOptions(p: {
  draft: Draft;
  set: SetField;
  setDraft: Dispatch<SetStateAction<Draft>>;
  errors: Errors;
  importantNote: string;
}) {
  return (
    <>
      <Section title="重要通知" note={p.importantNote}>
        <ChoiceChips
          columns={2}
          choices={YES_NO}
          value={p.draft.important ? 'yes' : 'no'}
          onChange={(v) => p.set('important', v === 'yes')}
        />
        <FieldError message={p.errors.important} />
      </Section>
      <Section title="置顶">
        <ChoiceChips
          columns={2}
          choices={YES_NO}
          value={p.draft.pinned ? 'yes' : 'no'}
          onChange={(v) => p.set('pinned', v === 'yes')}
        />
        <FieldError message={p.errors.pinned} />
      </Section>
      <PublishTimeField
        value={p.draft}
        onChoose={(when) => p.setDraft((d) => ({ ...d, ...when }))}
        onChange={p.set}
        error={p.errors.publishAt}
      />
    </>
  );
}

/** The state, what saving did, and the buttons the server allows (`offer`); `children` follow them. */
export function DraftSave(p: {
  statusLabel: string | undefined;
  offer: EditOffer;
  done: string | undefined;
  errors: Errors;
  busy: { save: boolean; submit: boolean };
  save: (thenSubmit: boolean) => Promise<void>;
  children?: ReactNode;
}) {
  const { offer } = p;
  return (
    <Section title={p.statusLabel ? `状态：${p.statusLabel}` : '保存'}>
      <FieldError message={p.errors.general} />
      {p.done && <Text className="editor__done">{p.done}</Text>}
      {offer.effect && <Text className="editor__effect">{offer.effect}</Text>}
      {!offer.save && <Text className="editor__effect">这条公告现在不能修改。</Text>}
      {offer.submit && (
        <Button block type="primary" size="large" loading={p.busy.submit} onClick={() => void p.save(true)}>
          提交审核
        </Button>
      )}
      {offer.save && (
        <Button
          block
          type={offer.submit ? 'default' : 'primary'}
          fill={offer.submit ? 'outline' : 'solid'}
          size={offer.submit ? 'normal' : 'large'}
          loading={p.busy.save}
          onClick={() => void p.save(false)}
        >
          {offer.saveLabel}
        </Button>
      )}
      {p.children}
    </Section>
  );
}
