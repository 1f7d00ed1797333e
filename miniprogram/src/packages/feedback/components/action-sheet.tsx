import type { Community, FeedbackAction, FeedbackReport, RepairSize, Urgency } from '@linli/shared';
import {
  deadlinesFor,
  FEEDBACK_ACTION_LABELS,
  REPAIR_LABELS,
  REPAIR_SIZES,
  URGENCIES,
  URGENCY_LABELS,
} from '@linli/shared/rules';
import { Button, Popup, Rate, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { Deadline } from '@/components/deadline';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { fieldErrors, photoIndexOf } from '@/lib/field-errors';
import { api, type Desk, type FeedbackActionInput, type FeedbackDetail } from '@/services/api';
import { usePhotoUploads } from '../hooks/use-photo-uploads';
import { FollowUpForm } from './follow-up-form';
import { PhotoPicker } from './photo-picker';
import './action-sheet.scss';

const FIELDS = ['reason', 'note', 'text', 'rating', 'comment', 'photos', 'target', 'templateId', 'urgency', 'repair'];

type TargetKind = 'grid_worker' | 'property' | 'unit';
const TARGETS: { value: TargetKind; label: string; note: string }[] = [
  { value: 'grid_worker', label: '网格员', note: '本网格处理' },
  { value: 'property', label: '物业', note: '维修类问题' },
  { value: 'unit', label: '部门或共建单位', note: '部门报到' },
];

/** The button that does it, said as the person would say it. */
const GO_LABELS: Record<FeedbackAction, string> = {
  withdraw: '确认撤回',
  accept: '确认受理',
  reject: '确认不予受理',
  dispatch: '确认派单',
  arrive: '确认已到场',
  resolve: '确认办结',
  escalate: '确认上报社区',
  whistle: '确认吹哨上报街道',
  note: '保存备注',
  reply: '发送回复',
  confirm: '提交评价',
  reopen: '提交，请重新处理',
  join: '确认我也遇到',
  follow_up: '保存回访结果',
};

/** What each sheet asks, in one line under its title. */
const PROMPTS: Partial<Record<FeedbackAction, string>> = {
  withdraw: '撤回后工作人员就不再处理这条反映',
  accept: '按问题类别给出了默认值，可以改',
  reject: '请写明不予受理的原因，居民会看到',
  dispatch: '派给谁处理？',
  arrive: '已经到了现场',
  resolve: '写明处理结果，并上传处理后的现场照片',
  escalate: '网格解决不了的，上报社区党委协调',
  whistle: '社区协调不了的，吹哨上报街道，由街道派给部门',
  note: '内部备注只有工作人员能看到',
  reply: '居民会看到这条回复',
  confirm: '问题解决了，请给处理打个分',
  reopen: '请说说哪里还没有解决，会重新处理',
  join: '您也遇到了这个问题',
  follow_up: '电话或上门问过居民后，代居民记下意见和评分',
};

interface ActionSheetProps {
  action: FeedbackAction | undefined;
  report: FeedbackReport;
  community: Community | undefined;
  /** Worked from a unit's queue or the street's desk rather than inside the community. */
  desk?: Desk | undefined;
  onDone: (detail: FeedbackDetail) => void;
  onClose: () => void;
}

/** The bottom sheet for one action: its few fields, its errors under them, one button to do it. */
export function ActionSheet({ action, report, community, desk, onDone, onClose }: ActionSheetProps) {
  return (
    <Popup
      visible={!!action}
      position="bottom"
      round
      closeable
      // NutUI's icons are <i> elements, which the weapp build cannot draw: a word closes the sheet instead.
      closeIcon={<Text className="action-sheet__close">关闭</Text>}
      title={action ? FEEDBACK_ACTION_LABELS[action] : ''}
      description={action ? PROMPTS[action] : ''}
      onClose={onClose}
      destroyOnClose
      className="action-sheet"
    >
      {action === 'follow_up' ? (
        <FollowUpForm report={report} onDone={onDone} />
      ) : (
        action && (
          <ActionForm key={action} action={action} report={report} community={community} desk={desk} onDone={onDone} />
        )
      )}
    </Popup>
  );
}

function ActionForm({
  action,
  report,
  community,
  desk,
  onDone,
}: {
  action: FeedbackAction;
  report: FeedbackReport;
  community: Community | undefined;
  desk: Desk | undefined;
  onDone: (detail: FeedbackDetail) => void;
}) {
  const communityId = report.communityId;
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState<string>();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  // Acceptance starts from what the community's settings say this category usually is.
  const kind = community?.settings.feedback.categories.find((c) => c.category === report.category);
  const [urgency, setUrgency] = useState<Urgency>(kind?.urgency ?? report.urgency);
  const [repair, setRepair] = useState<RepairSize | null>(kind ? kind.repair : report.repair);
  const [targetKind, setTargetKind] = useState<TargetKind>();
  const [workerId, setWorkerId] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const proof = usePhotoUploads(communityId, 'proof');
  const [check, setCheck] = useState<string>();
  const acting = useWrite(async (built: FeedbackActionInput, key: string) =>
    onDone(await api.actOnFeedback(communityId, report.reportId, built, key, desk)),
  );
  const { busy, error } = acting;
  // The street office sends its cases to a unit; the community's people choose among its own staff too.
  const targets = desk ? TARGETS.filter((t) => t.value === 'unit') : TARGETS;
  const chosen = desk ? 'unit' : targetKind;
  const staff = useAsync(action === 'dispatch' && !desk ? `staff:${communityId}` : null, () => api.staff(communityId));
  const units = useAsync(action === 'dispatch' && chosen === 'unit' ? `units:${communityId}` : null, () =>
    api.unitsFor(communityId, desk),
  );

  const errors = fieldErrors(error, FIELDS);
  const template = community?.settings.feedback.replyTemplates.find((t) => t.templateId === templateId);

  function body(): FeedbackActionInput | string {
    const optional = (value: string) => value.trim() || undefined;
    switch (action) {
      case 'withdraw':
        return { action, reason: optional(reason) };
      case 'accept':
        return { action, urgency, repair };
      case 'reject':
      case 'escalate':
      case 'whistle':
      case 'reopen':
        return { action, reason: reason.trim() };
      case 'dispatch':
        if (!chosen) return '请选择派给谁';
        if (chosen === 'grid_worker' && !workerId) return '请选择一位网格员';
        if (chosen === 'unit' && !unitId) return '请选择一个单位';
        return {
          action,
          target:
            chosen === 'grid_worker'
              ? { kind: chosen, userId: workerId ?? '' }
              : chosen === 'unit'
                ? { kind: chosen, unitId: unitId ?? '' }
                : { kind: chosen },
          note: optional(note),
        };
      case 'arrive':
        return { action, note: optional(note) };
      case 'resolve':
        if (proof.busy) return '照片还在上传，请稍等';
        if (proof.failed) return '有照片没有上传成功：请点它重试，或删除';
        return { action, note: note.trim(), photos: proof.keys };
      case 'note':
        return { action, text: text.trim() };
      case 'reply':
        // A template sent unchanged goes by its id, so the record says which one was used.
        return template && text === template.text ? { action, templateId: template.templateId } : { action, text };
      case 'confirm':
        if (rating < 1) return '请点星星打分，1 到 5 分';
        return { action, rating, comment: comment.trim() };
      case 'join':
        return { action };
      case 'follow_up':
        return '回访请在回访表单中填写';
    }
  }

  function run() {
    if (busy) return;
    const built = body();
    setCheck(typeof built === 'string' ? built : undefined);
    if (typeof built !== 'string') void acting.run(built);
  }

  const texts = {
    reason: [reason, setReason],
    note: [note, setNote],
    text: [text, setText],
    comment: [comment, setComment],
  } as const;
  /** A multi-line answer with its count and the server's word on it (`error` when another field's word belongs here too). */
  const textField = (which: keyof typeof texts, placeholder: string, max: number, error = errors[which]) => (
    <>
      <TextArea
        className="action-sheet__textarea"
        autoSize
        rows={3}
        value={texts[which][0]}
        onChange={texts[which][1]}
        placeholder={placeholder}
        maxLength={max}
        showCount
      />
      <FieldError message={error} />
    </>
  );

  const sla = community?.settings.sla;
  const previewAt = new Date();
  const preview = action === 'accept' && sla ? deadlinesFor(previewAt, urgency, repair, sla) : undefined;
  const workers = (staff.data ?? []).filter((m) => m.roles.includes('grid_worker'));
  const gridName = (id: string) => community?.grids.find((g) => g.gridId === id)?.name ?? id;

  return (
    <View className="action-sheet__body">
      {action === 'withdraw' && textField('reason', '撤回原因（选填）', 100)}
      {action === 'reject' && textField('reason', '例如：不属于社区管理范围，已告知居民拨打12345', 200)}
      {action === 'escalate' && textField('reason', '例如：涉及多个部门，网格协调不了', 200)}
      {action === 'whistle' && textField('reason', '例如：需要城管、市场监管联合执法', 200)}
      {action === 'reopen' && textField('reason', '例如：昨晚又漏水了', 200)}

      {action === 'accept' && (
        <>
          <Text className="action-sheet__label">紧急程度</Text>
          <ChoiceChips
            columns={3}
            choices={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))}
            value={urgency}
            onChange={setUrgency}
          />
          <FieldError message={errors.urgency} />
          <Text className="action-sheet__label">维修规模</Text>
          <ChoiceChips
            columns={2}
            choices={[
              ...REPAIR_SIZES.map((r) => ({ value: r as RepairSize | null, label: REPAIR_LABELS[r] })),
              { value: null, label: '不涉及维修' },
            ]}
            value={repair}
            onChange={setRepair}
          />
          <FieldError message={errors.repair} />
          {preview && (
            <View className="action-sheet__preview">
              <Text>现在受理，按社区承诺：</Text>
              {preview.respondBy && (
                <View className="action-sheet__preview-row">
                  <Text>{`${preview.respondKind === 'plan' ? '给出方案' : '到场'}：`}</Text>
                  <Deadline at={preview.respondBy} pending={false} now={previewAt} />
                </View>
              )}
              <View className="action-sheet__preview-row">
                <Text>办结：</Text>
                <Deadline at={preview.resolveBy} pending={false} now={previewAt} />
              </View>
            </View>
          )}
        </>
      )}

      {action === 'dispatch' && (
        <>
          {!desk && <ChoiceChips columns={3} choices={targets} value={targetKind} onChange={setTargetKind} />}
          {chosen === 'grid_worker' && (
            <>
              <Text className="action-sheet__label">选择网格员</Text>
              <LoadState loading={staff.loading} error={staff.error} onRetry={() => void staff.reload()} />
              <ChoiceChips
                columns={2}
                choices={workers.map((w) => ({
                  value: w.userId,
                  label: w.name,
                  note: w.gridIds.map(gridName).join('、'),
                }))}
                value={workerId}
                onChange={setWorkerId}
              />
            </>
          )}
          {chosen === 'unit' && (
            <>
              <Text className="action-sheet__label">选择单位</Text>
              <LoadState loading={units.loading} error={units.error} onRetry={() => void units.reload()} />
              {units.data?.length === 0 && <Text className="para">还没有为本社区服务的部门或共建单位</Text>}
              <ChoiceChips
                columns={2}
                choices={(units.data ?? []).map((u) => ({ value: u.unitId, label: u.name, note: u.kindLabel }))}
                value={unitId}
                onChange={setUnitId}
              />
            </>
          )}
          <FieldError message={errors.target} />
          <Text className="action-sheet__label">派单说明（选填）</Text>
          {textField('note', '例如：请物业今天疏通', 200)}
        </>
      )}

      {action === 'arrive' && textField('note', '到场说明（选填）', 200)}

      {action === 'resolve' && (
        <>
          {textField('note', '例如：已疏通下水道并清理路面', 500)}
          <Text className="action-sheet__label">处理后的现场照片</Text>
          <PhotoPicker uploads={proof} error={errors.photos} badIndex={photoIndexOf(error)} addLabel="添加照片" />
        </>
      )}

      {action === 'note' && <>{textField('text', '例如：该户为租户，已联系房东', 500)}</>}

      {action === 'reply' && (
        <>
          {community && community.settings.feedback.replyTemplates.length > 0 && (
            <>
              <Text className="action-sheet__label">常用回复</Text>
              <ChoiceChips
                columns={3}
                choices={community.settings.feedback.replyTemplates.map((t) => ({
                  value: t.templateId,
                  label: t.title,
                }))}
                value={templateId}
                onChange={(id) => {
                  setTemplateId(id);
                  setText(community.settings.feedback.replyTemplates.find((t) => t.templateId === id)?.text ?? '');
                }}
              />
            </>
          )}
          <Text className="action-sheet__label">回复内容</Text>
          {textField('text', '写给居民的话', 300, errors.text ?? errors.templateId)}
        </>
      )}

      {action === 'confirm' && (
        <>
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
            <Text className="action-sheet__rate-text">{rating ? `${rating} 分` : '请打分'}</Text>
          </View>
          <FieldError message={errors.rating} />
          <Text className="action-sheet__label">说几句（选填）</Text>
          {textField('comment', '例如：很快就修好了，谢谢', 200)}
        </>
      )}

      <FieldError message={check ?? errors.general} />
      <Button block size="large" type="primary" loading={busy} className="action-sheet__go" onClick={run}>
        {GO_LABELS[action]}
      </Button>
    </View>
  );
}
