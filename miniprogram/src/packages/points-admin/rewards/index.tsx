import type { Community } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useIntentKey } from '@/hooks/use-intent-key';
import { usePaged } from '@/hooks/use-paged';
import { fieldErrors } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';
import { type ApiError, toApiError } from '@/services/api';
import { pointsApi, type Reward, type RewardInput, type StockLogEntry } from '@/services/points';
import { AdminGate } from '../lib/admin-gate';
import { Field, toInt } from '../lib/field';
import '../lib/form.scss';
import './index.scss';

function StockLog({ communityId, rewardId, version }: { communityId: string; rewardId: string; version: number }) {
  const log = usePaged<StockLogEntry>(`${communityId}/${rewardId}/${version}`, (cursor) =>
    pointsApi.stockLog(communityId, rewardId, cursor),
  );
  return (
    <View className="stock-log">
      <Text className="pa-field__label">库存变动记录</Text>
      {log.items.length === 0 && !log.loading && !log.error && <Text className="pa-item__line">暂无记录</Text>}
      {log.items.map((e) => (
        <Text key={e.entryId} className="pa-item__line">
          {formatDateTime(e.at)} {e.stationName} {e.delta > 0 ? `+${e.delta}` : e.delta} 件，{e.reason}（{e.by.name}）
        </Text>
      ))}
      <LoadState loading={log.loading} error={log.error} onRetry={log.reload} />
      {log.cursor && !log.loading && (
        <Button fill="outline" onClick={log.more}>
          更多记录
        </Button>
      )}
    </View>
  );
}

/** One reward: stock at each station, goods in or out with a reason, the change log, on/off the shelf. */
function RewardItem({ community, reward, onChanged }: { community: Community; reward: Reward; onChanged: () => void }) {
  const communityId = community.communityId;
  const [open, setOpen] = useState(false);
  const [stationId, setStationId] = useState(community.stations[0]?.stationId);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [version, setVersion] = useState(0);
  const intent = useIntentKey();
  const errors = fieldErrors(error, ['stationId', 'delta', 'reason'] as const);

  const changeStock = async () => {
    const body = { stationId: stationId ?? '', delta: toInt(delta), reason };
    setBusy(true);
    setError(undefined);
    try {
      await pointsApi.changeStock(communityId, reward.rewardId, body, intent.keyFor(body));
      intent.settle();
      setDelta('');
      setReason('');
      setVersion((v) => v + 1);
      onChanged();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const toggleActive = async () => {
    const body: RewardInput = {
      name: reward.name,
      description: reward.description,
      pointsCost: reward.pointsCost,
      imageKey: null,
      monthlyLimit: reward.monthlyLimit,
      active: !reward.active,
    };
    setBusy(true);
    setError(undefined);
    try {
      await pointsApi.updateReward(communityId, reward.rewardId, body);
      onChanged();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="pa-item">
      <View className="reward-head">
        {reward.imageUrl && <Image className="reward-head__image" src={reward.imageUrl} mode="aspectFill" />}
        <View>
          <Text className="pa-item__title">
            {reward.name}
            {reward.active ? '' : '（已下架）'}
          </Text>
          <Text className="pa-item__line">
            {reward.pointsCost} 分{reward.monthlyLimit !== null ? `，每人每月最多 ${reward.monthlyLimit} 件` : ''}
          </Text>
          {reward.stock.map((s) => (
            <Text key={s.stationId} className="pa-item__line">
              {s.stationName}：{s.quantity} 件
            </Text>
          ))}
        </View>
      </View>
      <View className="pa-item__actions">
        <Button type="primary" fill="outline" onClick={() => setOpen(!open)}>
          {open ? '收起' : '入库 / 出库'}
        </Button>
        {/* The catalog does not return a reward's image key: saving would drop its picture. */}
        {!reward.imageUrl && (
          <Button fill="outline" loading={busy} disabled={busy} onClick={toggleActive}>
            {reward.active ? '下架' : '上架'}
          </Button>
        )}
      </View>
      <FieldError message={open ? undefined : errors.general} />
      {open && (
        <View className="stock-form">
          <ChoiceChips
            choices={community.stations.map((s) => ({ value: s.stationId, label: s.name }))}
            value={stationId}
            onChange={setStationId}
          />
          <FieldError message={errors.stationId} />
          <Field label="数量（入库填正数，出库填负数）" value={delta} onChange={setDelta} error={errors.delta} />
          <Field
            label="原因"
            value={reason}
            onChange={setReason}
            error={errors.reason}
            placeholder="如：新到货、损坏"
          />
          <FieldError message={errors.general} />
          <Button block type="primary" loading={busy} disabled={busy} onClick={changeStock}>
            确认库存变动
          </Button>
          <StockLog communityId={communityId} rewardId={reward.rewardId} version={version} />
        </View>
      )}
    </View>
  );
}

function NewReward({ communityId, onCreated }: { communityId: string; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [cost, setCost] = useState('');
  const [limit, setLimit] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const intent = useIntentKey();
  const errors = fieldErrors(error, ['name', 'description', 'pointsCost', 'monthlyLimit'] as const);
  const create = async () => {
    const body: RewardInput = {
      name,
      description,
      pointsCost: toInt(cost),
      imageKey: null,
      monthlyLimit: limit.trim() ? toInt(limit) : null,
      active: true,
    };
    setBusy(true);
    setError(undefined);
    try {
      await pointsApi.createReward(communityId, body, intent.keyFor(body));
      intent.settle();
      setName('');
      setDescription('');
      setCost('');
      setLimit('');
      onCreated();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="新增兑换品" note="新增后在上面为各服务站入库">
      <Field label="名称" value={name} onChange={setName} error={errors.name} />
      <Field label="说明" value={description} onChange={setDescription} error={errors.description} />
      <Field label="所需积分" value={cost} onChange={setCost} error={errors.pointsCost} type="number" />
      <Field
        label="每人每月限兑（不限可不填）"
        value={limit}
        onChange={setLimit}
        error={errors.monthlyLimit}
        type="number"
      />
      <FieldError message={errors.general} />
      <Button block type="primary" size="large" loading={busy} disabled={busy} onClick={create}>
        新增
      </Button>
    </Section>
  );
}

function Catalog({ community }: { community: Community }) {
  const communityId = community.communityId;
  const rewards = useAsync(communityId, () => pointsApi.allRewards(communityId));
  return (
    <>
      <Section title="兑换品和库存">
        {rewards.data?.items.map((r) => (
          <RewardItem key={r.rewardId} community={community} reward={r} onChanged={() => void rewards.reload()} />
        ))}
        <LoadState loading={rewards.loading} error={rewards.error} onRetry={rewards.reload} />
      </Section>
      <NewReward communityId={communityId} onCreated={() => void rewards.reload()} />
    </>
  );
}

export default function RewardsAdminPage() {
  return (
    <Screen title="兑换品和库存">
      <AdminGate>{(community) => <Catalog community={community} />}</AdminGate>
    </Screen>
  );
}
