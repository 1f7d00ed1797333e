import type { Role } from '@linli/shared';
import { hasAnyRole, ROLE_LABELS, STAFF_ROLES } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { rolesIn, useMe } from '@/hooks/use-me';
import { go, PAGES } from '@/navigation';
import './index.scss';

interface Duty {
  title: string;
  detail: string;
  /** Where to do it in the app; absent while the feature is not built yet. */
  page?: string;
}

/** What each staff role does in the community, and which of it the app already supports. */
const DUTIES: Record<Exclude<Role, 'resident'>, Duty[]> = {
  admin: [
    { title: '住户审核', detail: '核实居民的房屋绑定申请，通过或说明不通过的原因', page: PAGES.householdReview },
    { title: '派单和督办', detail: '把居民反映的问题派给网格、物业或共建单位，跟踪是否按时办结' },
    { title: '发布社区消息', detail: '通知、社区新闻、活动报名和睦邻服务报' },
  ],
  grid_worker: [
    { title: '处理网格内的问题', detail: '第一时间响应本网格居民反映的问题，到场核实并跟进' },
    { title: '走访和登记', detail: '代居民登记线下反映的问题' },
  ],
  property_staff: [{ title: '维修处理', detail: '按服务承诺的时限上门维修，并上传处理结果' }],
  station_operator: [
    { title: '称重记积分', detail: '为居民的可回收物称重，按规则记积分' },
    { title: '兑换日发放', detail: '在积分兑换日核对预约、发放物品' },
  ],
};

export default function WorkbenchPage() {
  const { params } = useRouter();
  const me = useMe();
  const communityId = params.communityId ?? me.me?.memberships[0]?.communityId;
  const roles = rolesIn(me.me, communityId);
  const community = me.me?.memberships.find((m) => m.communityId === communityId);

  if (!me.me)
    return (
      <Screen title="工作台">
        <LoadState loading={me.loading} error={me.error} onRetry={me.reload} />
      </Screen>
    );

  if (!hasAnyRole(roles, STAFF_ROLES))
    return (
      <Screen title="工作台">
        <Section title="没有工作权限">
          <Text className="para">工作台只对社区工作人员开放。如需开通，请联系社区管理员。</Text>
        </Section>
      </Screen>
    );

  const staffRoles = roles.filter((r): r is Exclude<Role, 'resident'> => r !== 'resident');
  return (
    <Screen title="工作台">
      <View className="workbench__head">
        <Text className="workbench__community">{community?.communityName}</Text>
        <Text className="workbench__roles">{staffRoles.map((r) => ROLE_LABELS[r]).join('、')}</Text>
      </View>
      {staffRoles.map((role) => (
        <Section key={role} title={ROLE_LABELS[role]}>
          {DUTIES[role].map((duty) => (
            <View key={duty.title} className="duty">
              <View className="duty__text">
                <Text className="duty__title">{duty.title}</Text>
                <Text className="duty__detail">{duty.detail}</Text>
              </View>
              {duty.page ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => go(`${duty.page}?communityId=${encodeURIComponent(communityId ?? '')}`)}
                >
                  去办理
                </Button>
              ) : (
                <Text className="duty__later">暂未开放</Text>
              )}
            </View>
          ))}
        </Section>
      ))}
    </Screen>
  );
}
