import type { Unit } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { streetUnits } from '@/services/street';

interface UnitCardProps {
  streetId: string;
  unit: Unit;
  onEdit: () => void;
}

/** A code as a person reads it out: two groups of four. */
const spaced = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/**
 * One unit: what it is and whom it serves, a code for its staff to join, the codes still good
 * (each one revocable, say it went to the wrong group), and who works for it.
 */
export function UnitCard({ streetId, unit, onEdit }: UnitCardProps) {
  const [showMembers, setShowMembers] = useState(false);
  const [showInvites, setShowInvites] = useState(false);
  const invites = useAsync(showInvites ? `invites:${unit.unitId}` : null, () =>
    streetUnits.invites(streetId, unit.unitId),
  );
  const inviting = useWrite(async () => {
    const made = await streetUnits.invite(streetId, unit.unitId);
    if (showInvites) await invites.reload();
    else setShowInvites(true);
    return made;
  });
  const revoking = useWrite(async (code: string) => {
    await streetUnits.revokeInvite(streetId, unit.unitId, code);
    if (inviting.result?.code === code) inviting.reset();
    await invites.reload();
  });
  const revoke = async (code: string) => {
    const { confirm } = await Taro.showModal({
      title: '撤销邀请码',
      content: `确定撤销邀请码 ${spaced(code)} 吗？撤销后用它加入${unit.name}会被拒绝。`,
    });
    if (confirm) void revoking.run(code);
  };
  const members = useAsync(showMembers ? `members:${unit.unitId}` : null, () =>
    streetUnits.members(streetId, unit.unitId),
  );
  const removing = useWrite(async (userId: string) => {
    await streetUnits.remove(streetId, unit.unitId, userId);
    await members.reload();
  });
  const remove = async (userId: string, name: string) => {
    const { confirm } = await Taro.showModal({ title: '移出单位', content: `确定把${name}移出${unit.name}吗？` });
    if (confirm) void removing.run(userId);
  };
  const invite = inviting.result;
  return (
    <View className="unit-card" data-unit={unit.unitId}>
      <Text className="unit-card__name">{`${unit.name} · ${unit.kindLabel}`}</Text>
      <Text className="para">{`服务：${unit.communities.map((c) => c.name).join('、')}`}</Text>
      <View className="unit-card__actions">
        <Button size="small" fill="outline" onClick={onEdit}>
          修改
        </Button>
        <Button size="small" fill="outline" loading={inviting.busy} onClick={() => void inviting.run(undefined)}>
          邀请成员
        </Button>
        <Button size="small" fill="outline" onClick={() => setShowInvites((v) => !v)}>
          {showInvites ? '收起邀请码' : '邀请码'}
        </Button>
        <Button size="small" fill="outline" onClick={() => setShowMembers((v) => !v)}>
          {showMembers ? '收起成员' : '成员'}
        </Button>
      </View>
      {invite && (
        <View className="unit-card__invite">
          <Text className="unit-card__code">{spaced(invite.code)}</Text>
          <Text className="para">{`把邀请码告诉本单位的工作人员：在“我的 → 加入单位”输入，${formatDateTime(invite.expiresAt)} 前有效。`}</Text>
        </View>
      )}
      {showInvites && (
        <View className="unit-card__invites">
          <Text className="unit-card__heading">有效的邀请码</Text>
          <LoadState loading={invites.loading} error={invites.error} onRetry={() => void invites.reload()} />
          {invites.data?.length === 0 && <Text className="para">没有有效的邀请码。点“邀请成员”生成一个。</Text>}
          {invites.data?.map((i) => (
            <View key={i.code} className="unit-card__open" data-code={i.code}>
              <Text className="unit-card__open-code">{spaced(i.code)}</Text>
              <Text className="para">
                {`${i.createdBy} ${formatDateTime(i.createdAt)} 生成，${formatDateTime(i.expiresAt)} 前有效，已使用 ${i.uses} 次`}
              </Text>
              <Button
                size="small"
                type="danger"
                fill="outline"
                loading={revoking.busy && revoking.last === i.code}
                onClick={() => void revoke(i.code)}
              >
                撤销
              </Button>
            </View>
          ))}
        </View>
      )}
      <FieldError message={inviting.error?.message ?? revoking.error?.message ?? removing.error?.message} />
      {showMembers && (
        <View className="unit-card__members">
          <LoadState loading={members.loading} error={members.error} onRetry={() => void members.reload()} />
          {members.data?.length === 0 && <Text className="para">还没有成员，请先邀请。</Text>}
          {members.data?.map((m) => (
            <View key={m.userId} className="row">
              <Text className="row__label">{m.name}</Text>
              <Button size="small" type="danger" fill="outline" onClick={() => void remove(m.userId, m.name)}>
                移出
              </Button>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
