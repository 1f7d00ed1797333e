import type { Community } from '@linli/shared';
import { TextArea } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import { photoIndexOf } from '@/lib/field-errors';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, type ReportDraft } from '../hooks/use-report-draft';
import { LocationPicker } from './location-picker';
import { PhotoPicker } from './photo-picker';
import './report-fields.scss';

interface ReportFieldsProps {
  community: Community;
  draft: ReportDraft;
  /** Shown right after the place (similar reports on the resident's form). */
  afterLocation?: ReactNode;
}

/** The four questions of every report, one card each, each with its own error under it. */
export function ReportFields({ community, draft, afterLocation }: ReportFieldsProps) {
  const categories = community.settings.feedback.categories.filter((c) => c.enabled);
  const length = [...draft.description].length;
  return (
    <>
      <Section title="问题类别" note="选一个最接近的">
        <ChoiceChips
          className="report-fields__categories"
          columns={3}
          choices={categories.map((c) => ({ value: c.category, label: c.label }))}
          value={draft.category}
          onChange={draft.setCategory}
        />
        <FieldError message={draft.errors.category} />
      </Section>

      <Section title="问题描述" note={`请说清楚是什么问题，${DESCRIPTION_MIN}–${DESCRIPTION_MAX} 个字`}>
        <TextArea
          className="report-fields__description"
          value={draft.description}
          onChange={draft.setDescription}
          placeholder="例如：3幢2单元门口的下水道堵了，污水漫到路面"
          maxLength={DESCRIPTION_MAX}
          rows={5}
          autoSize
        />
        <Text
          className={`report-fields__count${length > 0 && length < DESCRIPTION_MIN ? ' report-fields__count--short' : ''}`}
        >
          {`已写 ${length} 字${length < DESCRIPTION_MIN ? `，至少 ${DESCRIPTION_MIN} 个字` : ''}（最多 ${DESCRIPTION_MAX} 字）`}
        </Text>
        <FieldError message={draft.errors.description} />
      </Section>

      <Section title="照片（选填）" note="拍下现场，工作人员更快弄清问题">
        <PhotoPicker uploads={draft.uploads} error={draft.errors.photos} badIndex={photoIndexOf(draft.serverError)} />
      </Section>

      <Section title="问题在哪里">
        <LocationPicker
          community={community}
          value={draft.location}
          source={draft.source}
          onChange={draft.setLocation}
          error={draft.errors.location}
        />
      </Section>

      {afterLocation}
    </>
  );
}
