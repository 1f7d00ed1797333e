import { SORT_FLAG_NOTE_MAX, SORT_ISSUE_LABELS, SORT_ISSUES, type SortIssue } from '@linli/shared/rules';
import { Input, Text } from '@tarojs/components';
import { CheckChips } from '@/components/check-chips';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import './sort-flag.scss';

/** What the operator ticked: nothing (the usual case), or the issues and a note beside 其他. */
export interface SortFlagState {
  issues: SortIssue[];
  note: string;
}

export const NO_SORT_FLAG: SortFlagState = { issues: [], note: '' };

/** The flag as the credit sends it; none when nothing is ticked (a note is sent only beside 其他). */
export function sortFlagBody(flag: SortFlagState) {
  if (flag.issues.length === 0) return undefined;
  const note = flag.issues.includes('other') ? flag.note.trim() : '';
  return note ? { issues: flag.issues, note } : { issues: flag.issues };
}

/**
 * Optional, after the weights: the delivery was badly sorted. Big chips, any number; 其他 opens a short note.
 * The points are credited all the same; the flag counts only towards the building's figure.
 */
export function SortFlagPicker({
  value,
  onChange,
  error,
}: {
  value: SortFlagState;
  onChange: (next: SortFlagState) => void;
  error?: string;
}) {
  const toggle = (issue: SortIssue, on: boolean) =>
    onChange({
      ...value,
      // Kept in the list's order, whatever order they were tapped in.
      issues: SORT_ISSUES.filter((i) => (i === issue ? on : value.issues.includes(i))),
    });
  return (
    <Section title="分类不合格（选填）" note="投放分类不合格时勾选，积分照常记入；只按楼栋统计，不显示居民">
      <CheckChips
        className="sort-flag"
        chipClassName="sort-flag__chip"
        label="分类不合格"
        choices={SORT_ISSUES.map((issue) => ({ value: issue, label: SORT_ISSUE_LABELS[issue] }))}
        chosen={value.issues}
        onToggle={toggle}
      />
      {value.issues.includes('other') && (
        <Input
          className="sort-flag__note"
          value={value.note}
          maxlength={SORT_FLAG_NOTE_MAX}
          placeholder={`简要说明（选填，最多 ${SORT_FLAG_NOTE_MAX} 字）`}
          onInput={(e) => onChange({ ...value, note: e.detail.value })}
        />
      )}
      <FieldError message={error} />
    </Section>
  );
}

/** On the receipt: what was noted, in words. */
export function SortFlagNoted({ labels }: { labels: readonly string[] }) {
  return <Text className="para sort-flag__noted">{`已记录分类不合格：${labels.join('、')}（积分照常记入）`}</Text>;
}
