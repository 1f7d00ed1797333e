import type { FeedbackReport, FollowUpChannel, FollowUpVerdict } from '@linli/shared';
import { FOLLOW_UP_CHANNEL_LABELS, FOLLOW_UP_CHANNELS, FOLLOW_UP_VERDICT_LABELS } from '@linli/shared/rules';
import { Button, Rate, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { useWrite } from '@/hooks/use-write';
import { api, type FeedbackDetail, type FollowUpInput } from '@/services/api';
import './action-sheet.scss';

const FIELDS = ['channel', 'verdict', 'rating', 'note'] as const;

const VERDICTS: { value: FollowUpVerdict; label: string; note: string }[] = [
  { value: 'satisfied', label: FOLLOW_UP_VERDICT_LABELS.satisfied, note: '办结，记下居民的评分' },
  { value: 'unsatisfied', label: FOLLOW_UP_VERDICT_LABELS.unsatisfied, note: '重新受理处理' },
];

/**
 * 回访: staff phoned the resident or went to the door, and record what they
 * said for them (offline and Open311 reports close this way). Satisfied
 * closes the report with the resident's rating; unsatisfied reopens it.
 */
export function FollowUpForm({ report, onDone }: { report: FeedbackReport; onDone: (detail: FeedbackDetail) => void }) {
  const [channel, setChannel] = useState<FollowUpChannel>('phone');
  const [verdict, setVerdict] = useState<FollowUpVerdict>();
  const [rating, setRating] = useState(0);
  const [note, setNote] = useState('');
  const [check, setCheck] = useState<string>();
  const saving = useWrite(async (body: FollowUpInput, key: string) =>
    onDone(await api.recordFollowUp(report.communityId, report.reportId, body, key)),
  );
  const errors = saving.errorsFor(FIELDS);

  function run() {
    if (saving.busy) return;
    if (!verdict) return setCheck('请选择居民的意见：满意或不满意');
    if (verdict === 'satisfied' && rating < 1) return setCheck('请点星星记下居民给的评分，1 到 5 分');
    setCheck(undefined);
    void saving.run({
      channel,
      verdict,
      ...(verdict === 'satisfied' ? { rating } : {}),
      note: note.trim(),
    });
  }

  return (
    <View className="action-sheet__body follow-up">
      <Text className="action-sheet__label">回访方式</Text>
      <ChoiceChips
        columns={2}
        choices={FOLLOW_UP_CHANNELS.map((c) => ({ value: c, label: FOLLOW_UP_CHANNEL_LABELS[c] }))}
        value={channel}
        onChange={setChannel}
      />
      <FieldError message={errors.channel} />
      <Text className="action-sheet__label">居民的意见</Text>
      <ChoiceChips columns={2} choices={VERDICTS} value={verdict} onChange={setVerdict} />
      <FieldError message={errors.verdict} />
      {verdict === 'satisfied' && (
        <>
          <Text className="action-sheet__label">居民给的评分</Text>
          <View className="action-sheet__rate">
            <Rate
              value={rating}
              onChange={setRating}
              count={5}
              min={1}
              // Drawn as text: NutUI's star icon is an <i>, which the weapp build cannot draw.
              checkedIcon={<Text className="action-sheet__star action-sheet__star--on">★</Text>}
              uncheckedIcon={<Text className="action-sheet__star">☆</Text>}
            />
            <Text className="action-sheet__rate-text">{rating ? `${rating} 星` : '请打分'}</Text>
          </View>
          <FieldError message={errors.rating} />
        </>
      )}
      <Text className="action-sheet__label">
        {verdict === 'unsatisfied' ? '居民说哪里还没有解决' : '回访记录（选填）'}
      </Text>
      <TextArea
        className="action-sheet__textarea"
        autoSize
        rows={3}
        value={note}
        onChange={setNote}
        placeholder={verdict === 'unsatisfied' ? '例如：楼道灯晚上还是不亮' : '例如：居民说修得很及时'}
        maxLength={200}
        showCount
      />
      <FieldError message={errors.note} />
      <FieldError message={check ?? errors.general} />
      <Button block size="large" type="primary" loading={saving.busy} className="action-sheet__go" onClick={run}>
        保存回访结果
      </Button>
    </View>
  );
}
