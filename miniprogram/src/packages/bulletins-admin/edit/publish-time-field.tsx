import { shanghaiClock, shanghaiDate } from '@linli/shared/rules';
import { DatePicker } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
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

const pad = (part: string | number) => String(part).padStart(2, '0');

/**
 * The picker's wheels show a Date's local parts: the Shanghai wall-clock parts go in and come out
 * as they are, whatever the phone's own time zone.
 */
function wheelsOf({ publishDate, publishTime }: PublishTime): Date {
  const [year, month, day] = publishDate.split('-').map(Number) as [number, number, number];
  const [hour, minute] = (publishTime || DEFAULT_TIME).split(':').map(Number) as [number, number];
  return new Date(year, month - 1, day, hour, minute);
}

interface PublishTimeFieldProps {
  value: PublishTime;
  /** A whole new choice (立即 or 定时), which does not count as correcting the field. */
  onChoose: (value: PublishTime) => void;
  /** The date or the time picked. */
  onChange: (part: keyof PublishTime, value: string) => void;
  error: string | undefined;
}

/** 立即发布 or 定时发布 at a Shanghai date and time (tomorrow 08:00 to begin with), picked on NutUI's wheels. */
export function PublishTimeField({ value, onChoose, onChange, error }: PublishTimeFieldProps) {
  const [picking, setPicking] = useState<keyof PublishTime>();
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
          <View className="editor__picker" onClick={() => setPicking('publishDate')}>
            {`日期：${value.publishDate}`}
          </View>
          <View className="editor__picker" onClick={() => setPicking('publishTime')}>
            {`时间：${value.publishTime}`}
          </View>
          <DatePicker
            title="发布日期"
            type="date"
            visible={picking === 'publishDate'}
            value={wheelsOf(value)}
            onClose={() => setPicking(undefined)}
            onConfirm={(_options, [year, month, day]) =>
              onChange('publishDate', `${year}-${pad(month ?? 1)}-${pad(day ?? 1)}`)
            }
          />
          <DatePicker
            title="发布时间"
            type="hour-minutes"
            visible={picking === 'publishTime'}
            value={wheelsOf(value)}
            onClose={() => setPicking(undefined)}
            onConfirm={(_options, [hour, minute]) => onChange('publishTime', `${pad(hour ?? 0)}:${pad(minute ?? 0)}`)}
          />
        </View>
      )}
      <FieldError message={error} />
    </Section>
  );
}
