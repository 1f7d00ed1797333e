import type { FeedbackSettings } from '@linli/shared';
import { REPAIR_LABELS, REPAIR_SIZES, URGENCIES, URGENCY_LABELS } from '@linli/shared/rules';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { Field } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import type { ApiError, Settings, SettingsChange } from '@/services/api';

type Category = FeedbackSettings['categories'][number];
type Template = FeedbackSettings['replyTemplates'][number];

interface FeedbackFormProps {
  settings: Settings;
  busy: boolean;
  error: ApiError | undefined;
  onSave: (change: Omit<SettingsChange, 'version'>) => void;
}

/** A code for something an admin adds: they see labels, never codes. */
const newCode = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`;

const URGENCY_CHOICES = URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }));
const REPAIR_CHOICES = [
  { value: 'none', label: '不是维修' },
  ...REPAIR_SIZES.map((r) => ({ value: r, label: REPAIR_LABELS[r] })),
] as const;

/** The report categories residents choose from (with their usual urgency and repair size) and staff's reply templates. */
export function FeedbackForm({ settings, busy, error, onSave }: FeedbackFormProps) {
  const [categories, setCategories] = useState<Category[]>(settings.feedback.categories);
  const [templates, setTemplates] = useState<Template[]>(settings.feedback.replyTemplates);
  const rowError = (list: 'categories' | 'replyTemplates', i: number) =>
    error?.fields
      .filter((f) => f.field.startsWith(`body.feedback.${list}.${i}.`))
      .map((f) => f.message)
      .join('；') || undefined;
  const general =
    error?.fields
      .filter((f) => !/^body\.feedback\.(categories|replyTemplates)\.\d+\./.test(f.field))
      .map((f) => f.message)
      .join('；') || (error && error.fields.length === 0 ? error.message : undefined);
  const setCategory = (i: number, change: Partial<Category>) =>
    setCategories((old) => old.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const setTemplate = (i: number, change: Partial<Template>) =>
    setTemplates((old) => old.map((t, j) => (j === i ? { ...t, ...change } : t)));

  return (
    <Section title="意见箱类别和回复模板" note="停用的类别居民看不到，已有的反映不受影响">
      {categories.map((c, i) => (
        <View key={c.category} className={`settings-row${c.enabled ? '' : ' settings-row--off'}`}>
          <Field label={`类别 ${i + 1}`} value={c.label} onChange={(label) => setCategory(i, { label })} />
          <ChoiceChips
            choices={[
              { value: 'on', label: '启用' },
              { value: 'off', label: '停用' },
            ]}
            value={c.enabled ? 'on' : 'off'}
            onChange={(v) => setCategory(i, { enabled: v === 'on' })}
          />
          <ChoiceChips
            choices={URGENCY_CHOICES}
            value={c.urgency}
            onChange={(urgency) => setCategory(i, { urgency })}
          />
          <ChoiceChips
            choices={REPAIR_CHOICES}
            value={c.repair ?? 'none'}
            onChange={(v) => setCategory(i, { repair: v === 'none' ? null : v })}
          />
          <FieldError message={rowError('categories', i)} />
        </View>
      ))}
      <Button
        block
        fill="outline"
        onClick={() =>
          setCategories((old) => [
            ...old,
            { category: newCode('c'), label: '', urgency: 'routine', repair: null, enabled: true },
          ])
        }
      >
        添加类别
      </Button>

      <Text className="field__label settings__subtitle">回复模板</Text>
      {templates.map((t, i) => (
        <View key={t.templateId} className="settings-row">
          <Field label={`模板 ${i + 1} 标题`} value={t.title} onChange={(title) => setTemplate(i, { title })} />
          <TextArea value={t.text} onChange={(v) => setTemplate(i, { text: v })} maxLength={300} showCount autoSize />
          <Button size="small" fill="outline" onClick={() => setTemplates((old) => old.filter((_, j) => j !== i))}>
            删除这个模板
          </Button>
          <FieldError message={rowError('replyTemplates', i)} />
        </View>
      ))}
      <Button
        block
        fill="outline"
        onClick={() => setTemplates((old) => [...old, { templateId: newCode('t'), title: '', text: '' }])}
      >
        添加回复模板
      </Button>
      <FieldError message={general} />
      <Button
        block
        type="primary"
        loading={busy}
        disabled={busy}
        onClick={() => onSave({ feedback: { categories, replyTemplates: templates } })}
      >
        保存类别和模板
      </Button>
    </Section>
  );
}
