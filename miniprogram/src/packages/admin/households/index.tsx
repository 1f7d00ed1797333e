import type { Household } from '@linli/shared';
import { hasAnyRole, RELATION_LABELS } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { LoadState } from '@/components/load-state';
import { ReasonSheet } from '@/components/reason-sheet';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { rolesIn, useMe } from '@/hooks/use-me';
import { formatDateTime } from '@/lib/format';
import { type ApiError, api, toApiError } from '@/services/api';
import './index.scss';

/** Pending binding requests of one community, a page at a time. */
function usePendingHouseholds(communityId: string | undefined) {
  const [items, setItems] = useState<Household[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError>();

  const load = useCallback(
    async (from: string | null) => {
      if (!communityId) return;
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.households(communityId, 'pending', from);
        setItems((prev) => (from ? [...prev, ...page.items] : page.items));
        setCursor(page.cursor);
      } catch (e) {
        setError(toApiError(e));
      } finally {
        setLoading(false);
      }
    },
    [communityId],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const remove = (householdId: string) => setItems((prev) => prev.filter((h) => h.householdId !== householdId));
  return { items, cursor, loading, error, load, remove };
}

export default function HouseholdReviewPage() {
  const { params } = useRouter();
  const me = useMe();
  const communityId = params.communityId ?? me.me?.memberships.find((m) => hasAnyRole(m.roles, ['admin']))?.communityId;
  const isAdmin = hasAnyRole(rolesIn(me.me, communityId), ['admin']);
  const pending = usePendingHouseholds(isAdmin ? communityId : undefined);
  const [busy, setBusy] = useState<string>();
  const [rejecting, setRejecting] = useState<Household>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();

  async function decide(household: Household, run: () => Promise<Household>, done: string) {
    setBusy(household.householdId);
    try {
      await run();
      pending.remove(household.householdId);
      setRejecting(undefined);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      const error = toApiError(e);
      if (rejecting) setReasonError(error.fieldMessage('reason') ?? error.message);
      else void Taro.showModal({ title: '操作没有成功', content: error.message, showCancel: false });
    } finally {
      setBusy(undefined);
    }
  }

  function approve(h: Household) {
    if (!communityId) return;
    void decide(h, () => api.approveHousehold(communityId, h.householdId), '已通过');
  }

  function reject() {
    const h = rejecting;
    if (!h || !communityId) return;
    const text = reason.trim();
    if (text.length < 2) return setReasonError('请写明原因，至少 2 个字');
    void decide(h, () => api.rejectHousehold(communityId, h.householdId, text), '已退回');
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

      {pending.items.map((h) => (
        <Section key={h.householdId} title={h.address}>
          <View className="review__facts">
            <Text>申请人：{h.applicantName}</Text>
            <Text>关系：{RELATION_LABELS[h.relation]}</Text>
            <Text>申请时间：{formatDateTime(h.requestedAt)}</Text>
          </View>
          <View className="review__actions">
            <Button
              className="review__action"
              disabled={!!busy}
              onClick={() => {
                setRejecting(h);
                setReason('');
                setReasonError(undefined);
              }}
            >
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
        onRetry={() => void pending.load(pending.items.length ? pending.cursor : null)}
      />
      {pending.cursor && !pending.loading && (
        <Button block fill="outline" onClick={() => void pending.load(pending.cursor)}>
          加载更多
        </Button>
      )}

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
