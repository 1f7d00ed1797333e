import type { Role, WorkbenchCounts } from '@linli/shared';
import { hasAnyRole, ROLE_LABELS, STAFF_ROLES } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useRef } from 'react';
import { LoadState } from '@/components/load-state';
import { POINTS_PAGES } from '@/components/points-nav';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { rolesIn, useMe } from '@/hooks/use-me';
import { go, PAGES, withQuery } from '@/navigation';
import { api } from '@/services/api';
import { BULLETIN_PAGES } from '@/services/bulletins';
import { TaskReminders } from '../components/task-reminders';
import './index.scss';

/** One figure of waiting work on a duty: 待受理 3. */
interface Waiting {
  label: string;
  count: number | undefined;
  /** Shown in red when not zero (a deadline was missed). */
  alert?: boolean;
}

interface Duty {
  title: string;
  detail: string;
  /** Where to do it in the app; absent while the feature is not built yet. */
  page?: string;
  /** What waits for it, from `GET …/workbench`. */
  waiting?: (counts: WorkbenchCounts) => Waiting[];
}

const QUEUE_WAITING = (c: WorkbenchCounts): Waiting[] => [
  { label: '待受理', count: c.feedbackToAccept },
  { label: '超时', count: c.feedbackOverdue, alert: true },
];

/** What each staff role does in the community, and which of it the app already supports. */
const DUTIES: Record<Exclude<Role, 'resident'>, Duty[]> = {
  admin: [
    {
      title: '住户审核',
      detail: '核实居民的房屋绑定申请，通过或说明不通过的原因',
      page: PAGES.householdReview,
      waiting: (c) => [{ label: '待审核', count: c.householdsPending }],
    },
    {
      title: '派单和督办',
      detail: '把居民反映的问题派给网格、物业或共建单位，跟踪是否按时办结',
      page: PAGES.feedbackQueue,
      waiting: QUEUE_WAITING,
    },
    {
      title: '意见箱统计',
      detail: '收到、受理、办结数，整改率、按时办结率和满意度，按类别和网格，可导出',
      page: PAGES.feedbackStats,
    },
    { title: '议事清单', detail: '近 90 天反复出现的问题，供党群议事会讨论', page: PAGES.demandList },
    { title: '公示栏', detail: '已办结的反映，向居民公示', page: PAGES.feedbackBoard },
    { title: '社区设置', detail: '服务时限（“1715”）、积分兑换日和积分规则', page: PAGES.communitySettings },
    {
      title: '发布社区消息',
      detail: '通知、社区新闻、活动报名和睦邻服务报；审核另一位管理员写的稿件',
      page: BULLETIN_PAGES.review,
      waiting: (c) => [{ label: '待审核', count: c.bulletinsInReview }],
    },
    { title: '公告阅读情况', detail: '每条公告的阅读率，重要通知还有哪些住户没读', page: BULLETIN_PAGES.published },
    { title: '兑换品和库存', detail: '兑换品、各服务站库存和出入库记录', page: POINTS_PAGES.adminRewards },
    {
      title: '待审核称重',
      detail: '超出单次上限的称重，核实后通过或驳回',
      page: POINTS_PAGES.adminHeld,
      waiting: (c) => [{ label: '待审核', count: c.weighInsHeld }],
    },
    { title: '调整积分', detail: '说明原因后为居民加减积分', page: POINTS_PAGES.adminAdjust },
    { title: '积分统计', detail: '回收重量、参与户数、发放和兑换积分，可导出；排行榜', page: POINTS_PAGES.adminStats },
    { title: '发布志愿活动', detail: '一月一主题的志愿服务，居民报名签到得积分', page: POINTS_PAGES.adminActivities },
    {
      title: '分类指南',
      detail: '选择分类叫法（全国或上海），添加本社区的物品和投放说明',
      page: POINTS_PAGES.adminSorting,
    },
  ],
  grid_worker: [
    {
      title: '处理网格内的问题',
      detail: '第一时间响应本网格居民反映的问题，到场核实并跟进',
      page: PAGES.feedbackQueue,
      waiting: QUEUE_WAITING,
    },
    { title: '走访和登记', detail: '代居民登记线下反映的问题', page: PAGES.feedbackOffline },
    { title: '重要通知回访', detail: '看本网格哪些住户还没读重要通知，上门告知', page: BULLETIN_PAGES.published },
  ],
  property_staff: [
    {
      title: '维修处理',
      detail: '按服务承诺的时限上门维修，并上传处理结果',
      page: PAGES.feedbackQueue,
      waiting: (c) => [
        { label: '待处理', count: c.feedbackDispatched },
        { label: '超时', count: c.feedbackDispatchedOverdue, alert: true },
      ],
    },
  ],
  station_operator: [
    { title: '称重记积分', detail: '为居民的可回收物称重，按规则记积分', page: POINTS_PAGES.stationCredit },
    { title: '兑换日发放', detail: '在积分兑换日核对预约、发放物品', page: POINTS_PAGES.stationFulfil },
    { title: '柜台兑换', detail: '居民没有预约时，扫积分码直接兑换', page: POINTS_PAGES.stationCounter },
  ],
};

/** The roles that are sent reports to handle (派单), and so WeChat task reminders. */
const TASK_ROLES: readonly Role[] = ['grid_worker', 'property_staff', 'admin'];

/** The waiting work of the person's duties (null: not staff here), read again on every show of the page. */
function useWaiting(communityId: string | null) {
  const counts = useAsync(communityId && `workbench:${communityId}`, () => api.workbenchCounts(communityId ?? ''));
  const loading = useRef(counts.loading);
  loading.current = counts.loading;
  useDidShow(() => {
    if (!loading.current) void counts.reload();
  });
  return counts.data;
}

/** 待受理 3 · 超时 1 under a duty's title; a count that is not zero in red when it is a missed deadline. */
function WaitingCounts({ waiting }: { waiting: Waiting[] }) {
  const known = waiting.filter((w): w is Waiting & { count: number } => w.count !== undefined);
  if (!known.length) return null;
  return (
    <View className="duty__waiting">
      {known.map((w) => (
        <Text
          key={w.label}
          className={`duty__count${w.count === 0 ? ' duty__count--none' : w.alert ? ' duty__count--alert' : ''}`}
          data-label={w.label}
        >
          {`${w.label} ${w.count}`}
        </Text>
      ))}
    </View>
  );
}

export default function WorkbenchPage() {
  const { params } = useRouter();
  const me = useMe();
  const communityId = params.communityId ?? me.me?.memberships[0]?.communityId;
  const roles = rolesIn(me.me, communityId);
  const community = me.me?.memberships.find((m) => m.communityId === communityId);
  const waiting = useWaiting(communityId && hasAnyRole(roles, STAFF_ROLES) ? communityId : null);

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
      {hasAnyRole(roles, TASK_ROLES) && <TaskReminders />}
      {staffRoles.map((role) => (
        <Section key={role} title={ROLE_LABELS[role]}>
          {DUTIES[role].map((duty) => (
            <View key={duty.title} className="duty">
              <View className="duty__text">
                <Text className="duty__title">{duty.title}</Text>
                {waiting && duty.waiting && <WaitingCounts waiting={duty.waiting(waiting)} />}
                <Text className="duty__detail">{duty.detail}</Text>
              </View>
              {duty.page ? (
                <Button
                  type="primary"
                  className="duty__go"
                  onClick={() => go(withQuery(duty.page ?? '', { communityId }))}
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
