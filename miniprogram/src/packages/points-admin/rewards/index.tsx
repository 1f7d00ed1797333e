import type { Community } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { Field, toInt } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { usePaged } from '@/hooks/use-paged';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { pickAndUploadImage } from '@/lib/pick-image';
import { type AdminReward, pointsApi, type RewardInput, type StockLogEntry } from '@/services/points';
import { AdminGate } from '../lib/admin-gate';
import '../lib/form.scss';
import './index.scss';

function StockLog({ communityId, rewardId, version }: { communityId: string; rewardId: string; version: number }) {
  const log = usePaged<StockLogEntry>(`${communityId}/${rewardId}/${version}`, (cursor) =>
    pointsApi.stockLog(communityId, rewardId, cursor),
  );
  return (
    <View className="stock-log">
      <Text className="field__label">库存变动记录</Text>
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
function RewardItem({
  community,
  reward,
  onChanged,
}: {
  community: Community;
  reward: AdminReward;
  onChanged: () => void;
}) {
  const communityId = community.communityId;
  const [open, setOpen] = useState<'stock' | 'edit'>();
  const [stationId, setStationId] = useState(community.stations[0]?.stationId);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [version, setVersion] = useState(0);
  const change = useWrite(async (what: { stock: StockChange } | { toggle: true }, key: string) => {
    if ('toggle' in what) {
      await pointsApi.updateReward(communityId, reward.rewardId, { ...inputOf(reward), active: !reward.active });
    } else {
      await pointsApi.changeStock(communityId, reward.rewardId, what.stock, key);
      setDelta('');
      setReason('');
      setVersion((v) => v + 1);
    }
    onChanged();
  });
  const errors = change.errorsFor(['stationId', 'delta', 'reason'] as const);
  const busy = change.busy;
  const changeStock = () => change.run({ stock: { stationId: stationId ?? '', delta: toInt(delta), reason } });
  const toggleActive = () => change.run({ toggle: true });

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
        <Button type="primary" fill="outline" onClick={() => setOpen(open === 'stock' ? undefined : 'stock')}>
          {open === 'stock' ? '收起' : '入库 / 出库'}
        </Button>
        <Button fill="outline" onClick={() => setOpen(open === 'edit' ? undefined : 'edit')}>
          {open === 'edit' ? '收起' : '修改'}
        </Button>
        <Button fill="outline" loading={busy} disabled={busy} onClick={toggleActive}>
          {reward.active ? '下架' : '上架'}
        </Button>
      </View>
      <FieldError message={open === 'stock' ? undefined : errors.general} />
      {open === 'edit' && (
        <RewardForm
          communityId={communityId}
          reward={reward}
          onSaved={() => {
            setOpen(undefined);
            onChanged();
          }}
        />
      )}
      {open === 'stock' && (
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

type StockChange = Parameters<typeof pointsApi.changeStock>[2];

/** What the form sends for a reward as it is now: the picture is kept by its key. */
const inputOf = (r: AdminReward): RewardInput => ({
  name: r.name,
  description: r.description,
  pointsCost: r.pointsCost,
  imageKey: r.imageKey,
  monthlyLimit: r.monthlyLimit,
  active: r.active,
});

/** A new reward (no `reward`) or a change to one: name, words, cost, monthly limit and picture. */
function RewardForm({
  communityId,
  reward,
  onSaved,
}: {
  communityId: string;
  reward?: AdminReward;
  onSaved: () => void;
}) {
  const [name, setName] = useState(reward?.name ?? '');
  const [description, setDescription] = useState(reward?.description ?? '');
  const [cost, setCost] = useState(reward ? String(reward.pointsCost) : '');
  const [limit, setLimit] = useState(reward?.monthlyLimit ? String(reward.monthlyLimit) : '');
  const [image, setImage] = useState({ key: reward?.imageKey ?? null, preview: reward?.imageUrl ?? null });
  const picker = useWrite(async () => {
    const picked = await pickAndUploadImage(communityId, 'reward');
    if (picked) setImage({ key: picked.key, preview: picked.previewPath });
  });
  const picking = picker.busy;
  const action = useWrite((body: RewardInput, key: string) =>
    reward
      ? pointsApi.updateReward(communityId, reward.rewardId, body)
      : pointsApi.createReward(communityId, body, key),
  );
  const errors = action.errorsFor(['name', 'description', 'pointsCost', 'monthlyLimit', 'imageKey'] as const);
  const pick = () => picker.run(undefined);
  const save = async () => {
    const body: RewardInput = {
      name,
      description,
      pointsCost: toInt(cost),
      imageKey: image.key,
      monthlyLimit: limit.trim() ? toInt(limit) : null,
      active: reward?.active ?? true,
    };
    if (!(await action.run(body))) return;
    if (!reward) {
      setName('');
      setDescription('');
      setCost('');
      setLimit('');
      setImage({ key: null, preview: null });
    }
    onSaved();
  };
  return (
    <View className="reward-form">
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
      <Text className="field__label">图片</Text>
      {image.preview && <Image className="reward-form__image" src={image.preview} mode="aspectFill" />}
      <View className="pa-item__actions">
        <Button fill="outline" loading={picking} disabled={picking} onClick={pick}>
          {image.key ? '换一张图片' : '选择图片'}
        </Button>
        {image.key && (
          <Button fill="outline" onClick={() => setImage({ key: null, preview: null })}>
            不要图片
          </Button>
        )}
      </View>
      <FieldError message={picker.error?.message ?? errors.imageKey} />
      <FieldError message={errors.general} />
      <Button block type="primary" size="large" loading={action.busy} disabled={action.busy || picking} onClick={save}>
        {reward ? '保存修改' : '新增'}
      </Button>
    </View>
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
      <Section title="新增兑换品" note="新增后在上面为各服务站入库">
        <RewardForm communityId={communityId} onSaved={() => void rewards.reload()} />
      </Section>
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
