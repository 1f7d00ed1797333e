import type { StreetMembership } from '@linli/shared';
import { BULLETIN_ACTION_LABELS, BULLETIN_STATUS_LABELS, type BulletinAction } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { BulletinBlocks } from '@/components/bulletin-blocks';
import { DecisionHistory } from '@/components/decision-history';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { ReasonSheet } from '@/components/reason-sheet';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { go, PAGES, withQuery } from '@/navigation';
import { type StreetBulletin, streetBulletins } from '@/services/street';
import { BulletinSummary } from '../components/bulletin-summary';
import { StreetGate } from '../components/street-gate';
import { audienceText } from '../lib/bulletins';
import '../bulletins/index.scss';
import './index.scss';

type Step = Extract<BulletinAction, 'submit' | 'approve' | 'withdraw'>;
const STEP_DONE: Record<Step | 'reject', string> = {
  submit: '已提交审核，请另一位街道管理员审核',
  approve: '已通过',
  withdraw: '已撤回，各社区居民不再看到',
  reject: '已退回给作者',
};

/** What approving and withdrawing ask first (Taro.showModal; a confirm button of at most 4 characters). */
const CONFIRM: Partial<Record<Step, (b: StreetBulletin) => { title: string; content: string; confirmText: string }>> = {
  approve: (b) => ({
    title: '通过并发布',
    content: `“${b.title}”${
      b.publishAt && Date.parse(b.publishAt) > Date.now()
        ? `将于 ${formatDateTime(b.publishAt)} 发布`
        : '通过后立即发布'
    }，${audienceText(b)}的居民都能看到。确定通过吗？`,
    confirmText: '确定通过',
  }),
  withdraw: (b) => ({
    title: '撤回公告',
    content: `撤回后${audienceText(b)}的居民将看不到“${b.title}”，记录会保留。确定撤回吗？`,
    confirmText: '确定撤回',
  }),
};

/** One street bulletin for the street's admins: its text, each community's reads, and exactly the steps the server allows. */
export default function StreetBulletinPage() {
  return (
    <Screen title="街道公告审核">
      <StreetGate>{(street) => <Review street={street} />}</StreetGate>
    </Screen>
  );
}

function Review({ street }: { street: StreetMembership }) {
  const { params } = useRouter();
  const { streetId } = street;
  const bulletinId = params.bulletinId ?? '';
  const loaded = useAsync(bulletinId ? `${streetId}:${bulletinId}` : null, () =>
    streetBulletins.get(streetId, bulletinId),
  );
  const [b, setB] = useState<StreetBulletin>();
  const [done, setDone] = useState<string>();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  useEffect(() => setB(loaded.data), [loaded.data]);

  const moving = useWrite(async ({ step }: { step: Step }) => {
    const result = await streetBulletins.move(streetId, bulletinId, step);
    setB(result);
    setDone(step === 'approve' ? `${STEP_DONE.approve}，${result.statusLabel}` : STEP_DONE[step]);
  });
  const returning = useWrite(async ({ why }: { why: string }) => {
    const result = await streetBulletins.reject(streetId, bulletinId, why);
    setB(result);
    setDone(STEP_DONE.reject);
    setRejecting(false);
    setReason('');
  });

  if (!b) return <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />;
  const can = (action: BulletinAction) => b.allowedActions.includes(action);

  async function act(step: Step) {
    if (!b || moving.busy) return;
    const asked = CONFIRM[step]?.(b);
    if (asked) {
      const { confirm } = await Taro.showModal({ ...asked, cancelText: '再看看' });
      if (!confirm) return;
    }
    setDone(undefined);
    await moving.run({ step });
  }

  return (
    <View className="street-bulletins">
      <View className="review__card">
        <BulletinSummary b={b} />
        {b.rejectReason && <Text className="street-review__reason">{`退回原因：${b.rejectReason}`}</Text>}
        <BulletinBlocks blocks={b.blocks} />
      </View>

      <Section title="各社区" note="已读按人计，每人一次">
        {b.communities.map((c) => (
          <View key={c.communityId} className="street-review__row">
            <Text className="street-review__name">{c.name}</Text>
            <Text className="street-review__state">{c.status ? BULLETIN_STATUS_LABELS[c.status] : '未发出'}</Text>
            <Text className="street-review__reads">{`已读 ${c.readCount} 人`}</Text>
          </View>
        ))}
      </Section>

      <DecisionHistory decisions={b.decisions} />
      {done && <Text className="street-review__done">{done}</Text>}
      <FieldError message={moving.error?.summary} />

      <View className="street-review__actions">
        {can('edit') && (
          <Button onClick={() => go(withQuery(PAGES.streetBulletinEdit, { streetId, bulletinId }))}>
            {BULLETIN_ACTION_LABELS.edit}
          </Button>
        )}
        {(['submit', 'approve'] as const).map(
          (step) =>
            can(step) && (
              <Button
                key={step}
                type="primary"
                loading={moving.busy && moving.last?.step === step}
                onClick={() => void act(step)}
              >
                {BULLETIN_ACTION_LABELS[step]}
              </Button>
            ),
        )}
        {can('reject') && <Button onClick={() => setRejecting(true)}>{BULLETIN_ACTION_LABELS.reject}</Button>}
        {can('withdraw') && (
          <Button loading={moving.busy && moving.last?.step === 'withdraw'} onClick={() => void act('withdraw')}>
            {BULLETIN_ACTION_LABELS.withdraw}
          </Button>
        )}
      </View>
      <Button block fill="outline" onClick={() => go(withQuery(PAGES.streetBulletins, { streetId }))}>
        街道公告列表
      </Button>

      <ReasonSheet
        subject={rejecting ? b.title : undefined}
        title="退回的原因"
        placeholder="例如：请补充施工的起止时间"
        maxLength={200}
        value={reason}
        onChange={(v) => {
          setReason(v);
          returning.reset();
        }}
        error={returning.errorsFor(['reason']).reason ?? returning.error?.message}
        busy={returning.busy}
        confirmLabel="确认退回"
        onConfirm={() => void returning.run({ why: reason.trim() })}
        onClose={() => setRejecting(false)}
      />
    </View>
  );
}
