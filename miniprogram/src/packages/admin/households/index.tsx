import type { Household } from '@linli/shared';
import { hasAnyRole, RELATION_LABELS } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BulkBar } from '@/components/bulk-bar';
import { type Column, DataTable } from '@/components/data-table';
import { ListSearch } from '@/components/list-search';
import { LoadState } from '@/components/load-state';
import { ReasonSheet } from '@/components/reason-sheet';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useBulkTable } from '@/hooks/use-bulk-table';
import { useDesktop } from '@/hooks/use-desktop';
import { rolesIn, useMe } from '@/hooks/use-me';
import { type PagedState, usePaged } from '@/hooks/use-paged';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { api } from '@/services/api';
import { RecentDecisions } from './recent-decisions';
import './index.scss';

export default function HouseholdReviewPage() {
  const { params } = useRouter();
  const me = useMe();
  const communityId = params.communityId ?? me.me?.memberships.find((m) => hasAnyRole(m.roles, ['admin']))?.communityId;
  const isAdmin = hasAnyRole(rolesIn(me.me, communityId), ['admin']);
  const pending = usePaged(isAdmin && communityId ? `pending:${communityId}` : null, (cursor) =>
    api.households(communityId ?? '', 'pending', cursor),
  );
  const [rejecting, setRejecting] = useState<Household>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const desktop = useDesktop();
  // Bumped after each decision: the record below reloads.
  const [decisions, setDecisions] = useState(0);

  const decision = useWrite(
    async ({ household, reason }: { household: Household; reason?: string }) => {
      const { householdId } = household;
      if (reason === undefined) await api.approveHousehold(communityId ?? '', householdId);
      else await api.rejectHousehold(communityId ?? '', householdId, reason);
      pending.remove((h) => h.householdId === householdId);
      setDecisions((n) => n + 1);
      setRejecting(undefined);
      void Taro.showToast({ title: reason === undefined ? '已通过' : '已退回', icon: 'success' });
    },
    {
      onError: (error) => {
        if (rejecting) setReasonError(error.fieldMessage('reason') ?? error.message);
        else void Taro.showModal({ title: '操作没有成功', content: error.message, showCancel: false });
      },
    },
  );
  const busy = decision.busy ? decision.last?.household.householdId : undefined;

  async function approve(h: Household) {
    if (!communityId) return;
    // Approving makes the applicant a resident of the community: asked first (refusing has its reason sheet).
    const { confirm } = await Taro.showModal({
      title: '通过绑定申请',
      content: `确认${h.applicantName}住在${h.address}？通过后 TA 成为本社区居民。`,
      confirmText: '确定通过',
      cancelText: '再看看',
    });
    if (confirm) void decision.run({ household: h });
  }

  function startRejecting(h: Household) {
    setRejecting(h);
    setReason('');
    setReasonError(undefined);
  }

  function reject() {
    const h = rejecting;
    if (!h || !communityId) return;
    const text = reason.trim();
    if (text.length < 2) return setReasonError('请写明原因，至少 2 个字');
    void decision.run({ household: h, reason: text });
  }

  if (!me.me)
    return (
      <Screen title="住户审核">
        <LoadState loading={me.loading} error={me.error} onRetry={me.reload} />
      </Screen>
    );

  if (!isAdmin || !communityId)
    return (
      <Screen title="住户审核">
        <Section title="没有审核权限">
          <Text className="para">住户审核只对社区管理员开放。</Text>
        </Section>
      </Screen>
    );

  const communityName = me.me.memberships.find((m) => m.communityId === communityId)?.communityName ?? '';
  return (
    <Screen title="住户审核">
      <Text className="review__intro">{communityName}：请核实申请人确实住在所填的房屋，再决定是否通过。</Text>

      {desktop && communityId && (
        <PendingTable
          communityId={communityId}
          pending={pending}
          busy={busy}
          onApprove={approve}
          onReject={startRejecting}
        />
      )}

      {!desktop &&
        pending.items.map((h) => (
          <Section key={h.householdId} title={h.address}>
            <View className="review__facts">
              <Text>申请人：{h.applicantName}</Text>
              <Text>关系：{RELATION_LABELS[h.relation]}</Text>
              <Text>申请时间：{formatDateTime(h.requestedAt)}</Text>
            </View>
            <View className="review__actions">
              <Button className="review__action" disabled={!!busy} onClick={() => startRejecting(h)}>
                不通过
              </Button>
              <Button
                className="review__action"
                type="primary"
                loading={busy === h.householdId}
                disabled={!!busy && busy !== h.householdId}
                onClick={() => approve(h)}
              >
                通过
              </Button>
            </View>
          </Section>
        ))}

      {!pending.loading && !pending.error && pending.items.length === 0 && (
        <Section title="没有待审核的申请">
          <Text className="para">新的房屋绑定申请会出现在这里。</Text>
        </Section>
      )}

      <LoadState
        loading={pending.loading}
        error={pending.error}
        onRetry={() => void (pending.items.length ? pending.more() : pending.reload())}
      />
      {pending.cursor && !pending.loading && (
        <Button block fill="outline" className="review__more" onClick={() => void pending.more()}>
          加载更多
        </Button>
      )}

      {communityId && <RecentDecisions communityId={communityId} version={decisions} />}

      <ReasonSheet
        subject={rejecting?.address}
        title="不通过的原因"
        placeholder="例如：门牌号与登记信息不符，请核对后重新申请"
        maxLength={100}
        value={reason}
        onChange={(v) => {
          setReason(v);
          setReasonError(undefined);
        }}
        error={reasonError}
        busy={!!busy}
        confirmLabel="确认不通过"
        onConfirm={reject}
        onClose={() => setRejecting(undefined)}
      />
    </Screen>
  );
}

interface PendingTableProps {
  communityId: string;
  pending: PagedState<Household>;
  busy: string | undefined;
  onApprove: (h: Household) => void;
  onReject: (h: Household) => void;
}

/**
 * The desktop list: a table sorted by any header, a search over what is loaded, and 通过 for several
 * requests after one confirmation (each its own request; the ones refused are listed with the reason).
 */
function PendingTable({ communityId, pending, busy, onApprove, onReject }: PendingTableProps) {
  const table = useBulkTable<Household>({
    items: pending.items,
    idOf: (h) => h.householdId,
    searchIn: (h) => [h.address, h.applicantName, RELATION_LABELS[h.relation]],
    verb: '通过',
    confirm: (count) => ({
      title: `通过 ${count} 条申请？`,
      content: '请确认已核实每位申请人确实住在所填的房屋。通过后他们成为本社区居民。',
    }),
    send: async (h) => {
      await api.approveHousehold(communityId, h.householdId);
      pending.remove((other) => other.householdId === h.householdId);
    },
  });
  const { rows, chosen, bulk } = table;
  const idle = !busy && !bulk.progress;

  const columns: Column<Household>[] = [
    {
      key: 'address',
      title: '房屋',
      width: 'minmax(12em, 1fr)',
      sortValue: (h) => h.address,
      render: (h) => <Text>{h.address}</Text>,
    },
    {
      key: 'applicant',
      title: '申请人',
      width: '7em',
      sortValue: (h) => h.applicantName,
      render: (h) => <Text>{h.applicantName}</Text>,
    },
    {
      key: 'relation',
      title: '关系',
      width: '6em',
      sortValue: (h) => RELATION_LABELS[h.relation],
      render: (h) => <Text>{RELATION_LABELS[h.relation]}</Text>,
    },
    {
      key: 'requestedAt',
      title: '申请时间',
      width: '11em',
      sortValue: (h) => h.requestedAt,
      render: (h) => <Text>{formatDateTime(h.requestedAt)}</Text>,
    },
    {
      key: 'actions',
      title: '操作',
      width: '12em',
      render: (h) => (
        <View className="review__row-actions" onClick={(e) => e.stopPropagation()}>
          <Button size="small" disabled={!idle} onClick={() => onReject(h)}>
            不通过
          </Button>
          <Button
            size="small"
            type="primary"
            loading={busy === h.householdId}
            disabled={!idle && busy !== h.householdId}
            onClick={() => onApprove(h)}
          >
            通过
          </Button>
        </View>
      ),
    },
  ];

  if (!pending.items.length) return null;
  return (
    <Section title="待审核的申请" note="点表头排序；勾选后可一次通过多条，不通过须逐条写明原因">
      <ListSearch
        loaded={pending.items.length}
        shown={rows.length}
        value={table.search}
        onChange={table.setSearch}
        fields="房屋、申请人或关系"
        more={!!pending.cursor}
      />
      <BulkBar
        count={chosen.length}
        verb="通过"
        progress={bulk.progress}
        onRun={() => {
          // Not while one request is being decided on its own.
          if (idle) void table.runChosen();
        }}
        onClear={table.clear}
        failures={bulk.failures}
        describe={(h) => `${h.address}（${h.applicantName}）`}
      />
      {rows.length > 0 ? (
        <DataTable
          className="review-table"
          rows={rows}
          columns={columns}
          rowKey={(h) => h.householdId}
          initialSort={{ key: 'requestedAt', direction: 'asc' }}
          selection={{ selected: table.selected, selectable: () => true, onChange: table.setSelected }}
        />
      ) : (
        <Text className="para">已加载的申请中没有符合搜索的。</Text>
      )}
    </Section>
  );
}
