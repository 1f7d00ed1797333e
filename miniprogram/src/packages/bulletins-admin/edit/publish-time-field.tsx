import { shanghaiClock, shanghaiDate } from '@linli/shared/rules';
import { Picker, View } from '@tarojs/components';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';

/** When a bulletin goes out, as Shanghai wall-clock date and time; an empty date is "as soon as approved". */
export interface PublishTime {
  publishDate: string;
  publishTime: string;
}

const DEFAULT_TIME = '08:00';

export function publishTimeOf(publishAt: string | null): PublishTime {
  if (!publishAt) return { publishDate: '', publishTime: '' };
  const at = new Date(publishAt);
  return { publishDate: shanghaiDate(at), publishTime: shanghaiClock(at) };
}

export function publishAtOf({ publishDate, publishTime }: PublishTime): string | null {
  return publishDate ? `${publishDate}T${publishTime || DEFAULT_TIME}:00+08:00` : null;
}

interface PublishTimeFieldProps {
  value: PublishTime;
  /** A whole new choice (立即 or 定时), which does not count as correcting the field. */
  onChoose: (value: PublishTime) => void;
  /** The date or the time picked. */
  onChange: (part: keyof PublishTime, value: string) => void;
  error: string | undefined;
}

/** 立即发布 or 定时发布 at a Shanghai date and time (tomorrow 08:00 to begin with). */
export function PublishTimeField({ value, onChoose, onChange, error }: PublishTimeFieldProps) {
  return (
    <Section title="发布时间" note="审核通过后发布；也可以定一个时间">
      <ChoiceChips
        columns={2}
        choices={[
          { value: 'now', label: '立即发布' },
          { value: 'later', label: '定时发布' },
        ]}
        value={value.publishDate ? 'later' : 'now'}
        onChange={(v) =>
          onChoose(
            v === 'now'
              ? { publishDate: '', publishTime: '' }
              : {
                  publishDate: value.publishDate || shanghaiDate(new Date(Date.now() + 86_400_000)),
                  publishTime: value.publishTime || DEFAULT_TIME,
                },
          )
        }
      />
      {value.publishDate && (
        <View className="editor__when">
          <Picker
            mode="date"
            value={value.publishDate}
            onChange={(e) => onChange('publishDate', String(e.detail.value))}
          >
            <View className="editor__picker">{`日期：${value.publishDate}`}</View>
          </Picker>
          <Picker
            mode="time"
            value={value.publishTime}
            onChange={(e) => onChange('publishTime', String(e.detail.value))}
          >
            <View className="editor__picker">{`时间：${value.publishTime}`}</View>
          </Picker>
        </View>
      )}
      <FieldError message={error} />
    </Section>
  );
}
