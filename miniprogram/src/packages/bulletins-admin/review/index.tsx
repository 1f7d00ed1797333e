import type { Community } from '@linli/shared';
import { BULLETIN_ACTION_LABELS, BULLETIN_STATUS_LABELS, type BulletinAction } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { DecisionHistory } from '@/components/decision-history';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { ReasonSheet } from '@/components/reason-sheet';
import { Screen } from '@/components/screen';
import { StaffGate } from '@/components/staff-gate';
import { usePaged } from '@/hooks/use-paged';
import { fieldErrors } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';
import { go, withQuery } from '@/navigation';
import { type ApiError, toApiError } from '@/services/api';
import { BULLETIN_PAGES, type Bulletin, bulletinsApi, type ManageStatus } from '@/services/bulletins';
import { NewsletterComposer } from '../components/newsletter-composer';
import './index.scss';

const TITLE = '公告审核和发布';
const STATUS_ORDER: ManageStatus[] = ['submitted', 'draft', 'approved', 'published', 'withdrawn'];
const STATUS_CHOICES: Choice<ManageStatus>[] = STATUS_ORDER.map((s) => ({
  value: s,
  label: BULLETIN_STATUS_LABELS[s],
}));

type Step = Extract<BulletinAction, 'submit' | 'approve' | 'withdraw'>;
const STEP_DONE: Record<Step | 'reject', string> = {
  submit: '已提交审核',
  approve: '已通过',
  withdraw: '已撤回',
  reject: '已退回给作者',
};

/** What each confirmation asks (Taro.showModal: a title, and a confirm button of at most 4 characters). */
const CONFIRM: Partial<
  Record<Step, (b: Bulletin, community: Community) => { title: string; content: string; confirmText: string }>
> = {
  approve: (b, community) => ({
    title: '通过并发布',
    content: `“${b.title}”${
      b.publishAt && Date.parse(b.publishAt) > Date.now()
        ? `将于 ${formatDateTime(b.publishAt)} 发布`
        : '通过后立即发布'
    }，${audienceText(b, community)}的居民都能看到${b.important ? '，并会收到重要通知' : ''}。确定通过吗？`,
    confirmText: '确定通过',
  }),
  withdraw: (b) => ({
    title: '撤回公告',
    content: `撤回后居民将看不到“${b.title}”，记录会保留。确定撤回吗？`,
    confirmText: '确定撤回',
  }),
};

function audienceText(b: Bulletin, community: Community | undefined): string {
  if (b.audience.type === 'community') return '全社区';
  const names =
    b.audience.type === 'estates'
      ? b.audience.estateIds.map((id) => community?.estates.find((e) => e.estateId === id)?.name ?? id)
      : b.audience.gridIds.map((id) => community?.grids.find((g) => g.gridId === id)?.name ?? id);
  return names.join('、');
}

/** Bulletins by status: a second admin approves or sends back what was submitted; published ones can be withdrawn. */
export default function ReviewBulletinsPage() {
  return (
    <Screen title={TITLE}>
      <StaffGate
        roles={['admin']}
        signInReason="请以社区管理员身份登录后审核公告。"
        deniedText="公告审核只对社区管理员开放。"
      >
        {({ community }) => <Review community={community} />}
      </StaffGate>
    </Screen>
  );
}

function Review({ community }: { community: Community }) {
  const communityId = community.communityId;
  const [status, setStatus] = useState<ManageStatus>('submitted');
  const list = usePaged(`${communityId}:${status}`, (cursor) => bulletinsApi.manage(communityId, status, cursor), {
    reloadOnShow: true,
  });
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<
    Record<string, { done?: string; error?: string; statusLabel?: string; after?: Bulletin }>
  >({});
  const [rejecting, setRejecting] = useState<Bulletin>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<ApiError>();
  const [issueArticles, setIssueArticles] = useState<{ bulletinId: string; title: string }[]>([]);

  async function act(b: Bulletin, step: Step) {
    if (busy) return;
    // Approving publishes (now or at its time) and withdrawing takes it from residents: both are asked first.
    const asked = CONFIRM[step]?.(b, community);
    if (asked) {
      const { confirm } = await Taro.showModal({ ...asked, cancelText: '再看看' });
      if (!confirm) return;
    }
    setBusy(`${b.bulletinId}:${step}`);
    try {
      const result = await bulletinsApi.move(communityId, b.bulletinId, step);
      const done = step === 'approve' ? `${STEP_DONE.approve}，${result.statusLabel}` : STEP_DONE[step];
      setOutcome((o) => ({ ...o, [b.bulletinId]: { done, statusLabel: result.statusLabel, after: result } }));
    } catch (e) {
      // e.g. 403 SELF_APPROVAL: "不能审核自己写的公告…" said next to the card.
      setOutcome((o) => ({ ...o, [b.bulletinId]: { error: toApiError(e).summary } }));
    } finally {
      setBusy(undefined);
    }
  }

  async function reject() {
    if (!rejecting || busy) return;
    setBusy(`${rejecting.bulletinId}:reject`);
    setReasonError(undefined);
    try {
      const result = await bulletinsApi.reject(communityId, rejecting.bulletinId, reason.trim());
      setOutcome((o) => ({
        ...o,
        [rejecting.bulletinId]: { done: STEP_DONE.reject, statusLabel: result.statusLabel, after: result },
      }));
      setRejecting(undefined);
      setReason('');
    } catch (e) {
      setReasonError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  }

  const inIssue = (b: Bulletin) => issueArticles.some((a) => a.bulletinId === b.bulletinId);
  const toggleIssue = (b: Bulletin) =>
    setIssueArticles((chosen) =>
      inIssue(b)
        ? chosen.filter((a) => a.bulletinId !== b.bulletinId)
        : [...chosen, { bulletinId: b.bulletinId, title: b.title }],
    );
  const open = (b: Bulletin) => go(withQuery(BULLETIN_PAGES.detail, { communityId, bulletinId: b.bulletinId }));
  const edit = (b: Bulletin) => go(withQuery(BULLETIN_PAGES.edit, { communityId, bulletinId: b.bulletinId }));

  return (
    <>
      <View className="review">
        <Button
          block
          type="primary"
          className="review__write"
          onClick={() => go(withQuery(BULLETIN_PAGES.edit, { communityId }))}
        >
          写一条新公告
        </Button>
        <ChoiceChips scroll choices={STATUS_CHOICES} value={status} onChange={setStatus} className="review__statuses" />

        {status === 'published' && (
          <NewsletterComposer communityId={communityId} chosen={issueArticles} onDone={() => setIssueArticles([])} />
        )}

        {list.items.map((b) => {
          const result = outcome[b.bulletinId];
          // The server says what this admin may do now; once a step is done here, the card offers nothing more.
          const can = (action: BulletinAction) => !result?.done && b.allowedActions.includes(action);
          const published = b.status === 'published' && !result?.done;
          return (
            <View key={b.bulletinId} className="review__card">
              <View className="review__marks">
                {b.important && <Text className="review__mark review__mark--important">重要</Text>}
                {b.pinned && <Text className="review__mark">置顶</Text>}
                <Text className="review__mark">{b.kindLabel}</Text>
                <Text className="review__status">{result?.statusLabel ?? b.statusLabel}</Text>
              </View>
              <Text className="review__title">{b.title}</Text>
              <Text className="review__meta">{`作者：${b.authorName}${b.approverName ? ` · 审核：${b.approverName}` : ''}`}</Text>
              <Text className="review__meta">{`发给：${audienceText(b, community)}`}</Text>
              <Text className="review__meta">
                {b.publishedAt
                  ? `发布于 ${formatDateTime(b.publishedAt)}`
                  : b.publishAt
                    ? `定于 ${formatDateTime(b.publishAt)} 发布`
                    : `更新于 ${formatDateTime(b.updatedAt)}`}
              </Text>
              {b.status === 'published' && <Text className="review__meta">{`已读 ${b.readCount} 人`}</Text>}

              <DecisionHistory decisions={(result?.after ?? b).decisions ?? []} />
              {result?.done && <Text className="review__done">{result.done}</Text>}
              <FieldError message={result?.error} />

              <View className="review__actions">
                <Button className="review__action" onClick={() => open(b)}>
                  查看
                </Button>
                {can('edit') && (
                  <Button className="review__action" onClick={() => edit(b)}>
                    {BULLETIN_ACTION_LABELS.edit}
                  </Button>
                )}
                {can('submit') && (
                  <Button
                    className="review__action"
                    type="primary"
                    loading={busy === `${b.bulletinId}:submit`}
                    onClick={() => void act(b, 'submit')}
                  >
                    {BULLETIN_ACTION_LABELS.submit}
                  </Button>
                )}
                {can('approve') && (
                  <Button
                    className="review__action"
                    type="primary"
                    loading={busy === `${b.bulletinId}:approve`}
                    onClick={() => void act(b, 'approve')}
                  >
                    {BULLETIN_ACTION_LABELS.approve}
                  </Button>
                )}
                {can('reject') && (
                  <Button className="review__action" onClick={() => setRejecting(b)}>
                    {BULLETIN_ACTION_LABELS.reject}
                  </Button>
                )}
                {b.status === 'published' && (
                  <Button
                    className="review__action"
                    onClick={() => go(withQuery(BULLETIN_PAGES.reads, { communityId, bulletinId: b.bulletinId }))}
                  >
                    阅读情况
                  </Button>
                )}
                {published && b.kind === 'newsletter' && (
                  <Button
                    className="review__action"
                    fill={inIssue(b) ? 'solid' : 'outline'}
                    onClick={() => toggleIssue(b)}
                  >
                    {inIssue(b) ? '✓ 已选入本期' : '选入本期'}
                  </Button>
                )}
                {can('withdraw') && (
                  <Button
                    className="review__action"
                    loading={busy === `${b.bulletinId}:withdraw`}
                    onClick={() => void act(b, 'withdraw')}
                  >
                    {BULLETIN_ACTION_LABELS.withdraw}
                  </Button>
                )}
              </View>
            </View>
          );
        })}

        {!list.loading && !list.error && list.items.length === 0 && (
          <View className="review__empty">
            <Text>{`没有「${BULLETIN_STATUS_LABELS[status]}」的公告`}</Text>
          </View>
        )}
        <LoadState loading={list.loading} error={list.error} onRetry={() => void list.reload()} />
        {list.cursor && !list.loading && (
          <Button block fill="outline" onClick={() => void list.more()}>
            加载更多
          </Button>
        )}
      </View>

      <ReasonSheet
        subject={rejecting?.title}
        title="退回的原因"
        placeholder="例如：停水时间写错了，请核对后再提交"
        maxLength={200}
        value={reason}
        onChange={(v) => {
          setReason(v);
          setReasonError(undefined);
        }}
        error={fieldErrors(reasonError, ['reason']).reason ?? reasonError?.message}
        busy={!!busy}
        confirmLabel="确认退回"
        onConfirm={() => void reject()}
        onClose={() => setRejecting(undefined)}
      />
    </>
  );
}
