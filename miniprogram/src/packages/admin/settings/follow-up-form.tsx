import { DEFAULT_CONFIRM_DAYS } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { Field, toInt } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import { fieldErrors } from '@/lib/field-errors';
import type { ApiError, Settings, SettingsChange } from '@/services/api';

interface FollowUpFormProps {
  settings: Settings;
  busy: boolean;
  error: ApiError | undefined;
  onSave: (change: Omit<SettingsChange, 'version'>) => void;
}

/** How long a resolved report waits for its reporter to confirm before the system confirms it. */
export function FollowUpForm({ settings, busy, error, onSave }: FollowUpFormProps) {
  const [days, setDays] = useState(String(settings.followUp.confirmDays));
  const e = fieldErrors(error, ['followUp.confirmDays'] as const);
  return (
    <Section
      title="办结确认"
      note={`办结后居民在期限内未确认也未点“未解决”，到期限当天 24:00 系统自动确认（不计评价）；到期前 2 天上午 9 点提醒居民。默认 ${DEFAULT_CONFIRM_DAYS} 天`}
    >
      <Field
        label="自动确认期限（天，1–30）"
        value={days}
        onChange={setDays}
        error={e['followUp.confirmDays']}
        type="number"
      />
      <FieldError message={e.general} />
      <Button
        block
        type="primary"
        loading={busy}
        disabled={busy}
        onClick={() => onSave({ followUp: { confirmDays: toInt(days) } })}
      >
        保存确认期限
      </Button>
    </Section>
  );
}
