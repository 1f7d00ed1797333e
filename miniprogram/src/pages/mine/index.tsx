import { ROLE_LABELS, STREET_ROLE_LABELS, UNIT_ROLE_LABELS } from '@linli/shared/rules';
import { Button, Cell, CellGroup, Switch } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HouseholdCard } from '@/components/household-card';
import { LoadState } from '@/components/load-state';
import { badgeText, MESSAGES_PAGE, useMessageBadge } from '@/components/message-list';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { StaffEntries, StreetEntry, UnitEntry } from '@/components/staff-entries';
import { setLargeText, useLargeText } from '@/hooks/use-large-text';
import { useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';
import { useWrite } from '@/hooks/use-write';
import { formatDateTime } from '@/lib/format';
import { go, PAGES } from '@/navigation';
import { api, signOut } from '@/services/api';
import './index.scss';

export default function MinePage() {
  const session = useSession();
  const { me, error, loading, reload } = useMe();
  const deletion = useWrite(
    async () => {
      await api.deleteMe();
      await Taro.showToast({ title: '账号已注销', icon: 'success' });
    },
    { onError: (error) => void Taro.showModal({ title: '注销没有成功', content: error.message, showCancel: false }) },
  );
  // The 我的 tab's badge and the 消息 entry: read again whenever this tab shows.
  const unread = useMessageBadge();

  async function deleteAccount() {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content: '注销后，您的账号、房屋绑定和个人信息将被删除，且无法恢复。确定要注销吗？',
      confirmText: '确定注销',
      confirmColor: '#b71c1c',
      cancelText: '再想想',
    });
    if (confirm) await deletion.run(undefined);
  }

  const textSize = <LargeTextSetting />;

  const privacyLink = (
    <CellGroup title="隐私">
      <Cell clickable title="隐私保护指引" extra="查看" onClick={() => go(PAGES.privacyPolicy)} />
    </CellGroup>
  );

  if (!session)
    return (
      <Screen title="我的">
        <SignInPrompt reason="登录后可以查看您的房屋、身份和个人信息。" />
        {textSize}
        {privacyLink}
      </Screen>
    );

  return (
    <Screen title="我的">
      <View className="mine__profile">
        <Text className="mine__name">{session.user.nickname}</Text>
        <Text className="mine__meta">注册于 {formatDateTime(session.user.createdAt)}</Text>
      </View>

      <CellGroup className="mine__messages">
        <Cell
          clickable
          title="消息"
          description="反映进度、积分变动、兑换提醒"
          extra={
            unread ? (
              <Text className="mine__unread">{`${badgeText(unread)} 条未读`}</Text>
            ) : (
              <Text className="mine__read">查看</Text>
            )
          }
          onClick={() => go(MESSAGES_PAGE)}
        />
      </CellGroup>

      {!me && <LoadState loading={loading} error={error} onRetry={reload} />}

      {me && (
        <>
          <Section title="我的房屋">
            {me.households.length === 0 && <Text className="para">还没有绑定房屋。</Text>}
            {me.households.map((h) => (
              <HouseholdCard key={h.householdId} household={h} />
            ))}
            {!me.households.some((h) => h.status === 'pending') && (
              <Button block type="primary" fill="outline" onClick={() => go(PAGES.household)}>
                {me.households.length ? '申请绑定其他房屋' : '绑定房屋'}
              </Button>
            )}
          </Section>

          <Section title="我的身份">
            {me.memberships.length === 0 && !me.streets?.length && !me.units?.length && (
              <Text className="para">房屋绑定通过后，您就是社区居民了。</Text>
            )}
            {(me.streets ?? []).map((s) => (
              <View key={s.streetId} className="row">
                <Text className="row__label">{s.streetName}</Text>
                <Text className="row__value mine__roles">{s.roles.map((r) => STREET_ROLE_LABELS[r]).join('、')}</Text>
              </View>
            ))}
            {(me.units ?? []).map((u) => (
              <View key={u.unitId} className="row">
                <Text className="row__label">{u.unitName}</Text>
                <Text className="row__value mine__roles">{u.roles.map((r) => UNIT_ROLE_LABELS[r]).join('、')}</Text>
              </View>
            ))}
            {me.memberships.map((m) => (
              <View key={m.communityId} className="row">
                <Text className="row__label">{m.communityName}</Text>
                <Text className="row__value mine__roles">{m.roles.map((r) => ROLE_LABELS[r]).join('、')}</Text>
              </View>
            ))}
          </Section>

          {(me.streets ?? []).map((s) => (
            <StreetEntry key={s.streetId} street={s} />
          ))}
          {(me.units ?? []).map((u) => (
            <UnitEntry key={u.unitId} unit={u} />
          ))}
          <CellGroup title="单位工作">
            <Cell
              className="entry-unit-join"
              clickable
              title="加入单位"
              description="街道部门、共建单位的工作人员：输入街道给的邀请码"
              extra="输入"
              onClick={() => go(PAGES.unitJoin)}
            />
          </CellGroup>

          {me.memberships.map((m) => (
            <StaffEntries
              key={m.communityId}
              communityId={m.communityId}
              communityName={me.memberships.length > 1 ? m.communityName : undefined}
              roles={m.roles}
            />
          ))}
        </>
      )}

      {textSize}

      <CellGroup title="个人信息">
        <Cell clickable title="导出我的数据" extra="查看" onClick={() => go(PAGES.myData)} />
        <Cell clickable title="隐私保护指引" extra="查看" onClick={() => go(PAGES.privacyPolicy)} />
        <Cell
          clickable
          title="注销账号"
          extra={deletion.busy ? '正在注销…' : ''}
          onClick={() => void deleteAccount()}
        />
      </CellGroup>

      <Button block className="mine__signout" onClick={signOut}>
        退出登录
      </Button>
    </Screen>
  );
}

/** 大字: larger text and buttons on every page, kept on this phone; on top of WeChat's own font setting. */
function LargeTextSetting() {
  const large = useLargeText();
  return (
    <CellGroup title="阅读" className="mine__text-size">
      <Cell
        title="大字"
        description={large ? '已放大文字和按钮' : '放大所有页面的文字和按钮'}
        // The whole row takes the tap (a big target); the switch only shows the state.
        extra={<Switch className="mine__switch" checked={large} aria-label="大字" />}
        clickable
        onClick={() => setLargeText(!large)}
      />
    </CellGroup>
  );
}
