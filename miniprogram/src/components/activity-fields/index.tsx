import { shanghaiDate } from '@linli/shared/rules';
import { Field, toInt } from '@/components/field';

/** The fields every volunteer activity has, as the server names them (its errors are sorted under them). */
export const ACTIVITY_FIELDS = [
  'title',
  'description',
  'date',
  'startTime',
  'endTime',
  'place',
  'points',
  'capacity',
] as const;
export type ActivityDraft = Record<(typeof ACTIVITY_FIELDS)[number], string>;

export function newActivityDraft(): ActivityDraft {
  return {
    title: '',
    description: '',
    date: shanghaiDate(new Date()),
    startTime: '09:00',
    endTime: '11:00',
    place: '',
    points: '20',
    capacity: '20',
  };
}

/** The draft as a request body: points and places as numbers (what is not one, the server names). */
export const draftBody = (d: ActivityDraft) => ({ ...d, points: toInt(d.points), capacity: toInt(d.capacity) });

/**
 * The publish form's fields of a volunteer activity: the community's (积分管理 → 志愿活动) and a unit's
 * volunteer post (单位工作台 → 志愿服务) alike.
 */
export function ActivityFields({
  draft,
  onChange,
  errors,
}: {
  draft: ActivityDraft;
  onChange: (draft: ActivityDraft) => void;
  errors: Partial<Record<keyof ActivityDraft, string>>;
}) {
  const set = (key: keyof ActivityDraft) => (value: string) => onChange({ ...draft, [key]: value });
  return (
    <>
      <Field label="活动名称" value={draft.title} onChange={set('title')} error={errors.title} />
      <Field label="活动说明" value={draft.description} onChange={set('description')} error={errors.description} />
      <Field label="日期（如 2026-12-06）" value={draft.date} onChange={set('date')} error={errors.date} />
      <Field
        label="开始时间（如 09:00）"
        value={draft.startTime}
        onChange={set('startTime')}
        error={errors.startTime}
      />
      <Field label="结束时间（如 11:00）" value={draft.endTime} onChange={set('endTime')} error={errors.endTime} />
      <Field label="地点" value={draft.place} onChange={set('place')} error={errors.place} />
      <Field label="每人积分" value={draft.points} onChange={set('points')} error={errors.points} type="number" />
      <Field label="名额" value={draft.capacity} onChange={set('capacity')} error={errors.capacity} type="number" />
    </>
  );
}
