/**
 * The demo district: six communities of 临江区 长河街道 with their estates,
 * grids, buildings and stations, and a demo person for every role. The bare
 * structure (`--empty`, the test stacks) is the first two (`bareCommunityIds`).
 */
import { defaultCommunitySettings, type Role, type StreetRole, type UnitKind, type UnitRole } from '@linli/shared';
import type { CommunityRecord } from '../../functions/src/data/communities.js';
import type { StreetRecord } from '../../functions/src/data/streets.js';

const DISTRICT = '临江区';
const STREET = '长河街道';
const STREET_ID = 'changhe';

function buildings(estateId: string, prefix: string, grids: [gridId: string, numbers: number[]][], units = 3) {
  return grids.flatMap(([gridId, numbers]) =>
    numbers.map((n) => ({ buildingId: `${prefix}-b${n}`, estateId, gridId, name: `${n}幢`, units })),
  );
}

export const demoCommunities: CommunityRecord[] = [
  {
    communityId: 'chunhui',
    name: '春晖社区',
    district: DISTRICT,
    street: STREET,
    streetId: STREET_ID,
    estates: [
      { estateId: 'chunhui-yuan', name: '春晖苑' },
      { estateId: 'cuizhu-yuan', name: '翠竹园' },
    ],
    grids: [
      { gridId: 'chunhui-g1', estateId: 'chunhui-yuan', name: '第一网格' },
      { gridId: 'chunhui-g2', estateId: 'chunhui-yuan', name: '第二网格' },
      { gridId: 'chunhui-g3', estateId: 'cuizhu-yuan', name: '第三网格' },
    ],
    buildings: [
      ...buildings('chunhui-yuan', 'chy', [
        ['chunhui-g1', [1, 2, 3]],
        ['chunhui-g2', [4, 5, 6]],
      ]),
      ...buildings('cuizhu-yuan', 'czy', [['chunhui-g3', [1, 2, 3, 4]]], 2),
    ],
    stations: [
      { stationId: 'chunhui-center', estateId: 'chunhui-yuan', name: '春晖党群服务站', address: '春晖苑东门南侧' },
      { stationId: 'cuizhu-point', estateId: 'cuizhu-yuan', name: '翠竹园分类兑换点', address: '翠竹园 2幢 北侧' },
    ],
    settings: defaultCommunitySettings(),
  },
  {
    communityId: 'fengqiao',
    name: '枫桥社区',
    district: DISTRICT,
    street: STREET,
    streetId: STREET_ID,
    estates: [
      { estateId: 'fengqiao-xincun', name: '枫桥新村' },
      { estateId: 'jinxiu-huating', name: '锦绣华庭' },
    ],
    grids: [
      { gridId: 'fengqiao-g1', estateId: 'fengqiao-xincun', name: '第一网格' },
      { gridId: 'fengqiao-g2', estateId: 'jinxiu-huating', name: '第二网格' },
    ],
    buildings: [
      ...buildings('fengqiao-xincun', 'fqx', [['fengqiao-g1', [1, 2, 3, 4, 5]]], 2),
      ...buildings('jinxiu-huating', 'jxh', [['fengqiao-g2', [1, 2, 3]]], 4),
    ],
    stations: [
      { stationId: 'fengqiao-center', estateId: 'fengqiao-xincun', name: '枫桥党群服务站', address: '枫桥新村 3幢 旁' },
    ],
    settings: {
      ...defaultCommunitySettings(),
      exchangeDay: { mode: 'monthly', dayOfMonth: 15, opensAt: '09:00', closesAt: '16:00' },
      // 枫桥 shows the other expiry rule: points are valid until the end of the year after they were earned.
      pointsRules: { ...defaultCommunitySettings().pointsRules, expiry: 'end_of_next_year' },
    },
  }, // The living demo district's other four communities (npm start without --empty): the street's six.
  {
    communityId: 'xinghe',
    name: '星河社区',
    district: DISTRICT,
    street: STREET,
    streetId: STREET_ID,
    estates: [
      { estateId: 'xinghe-jiayuan', name: '星河家园' },
      { estateId: 'binjiang-mingyuan', name: '滨江名苑' },
    ],
    grids: [
      { gridId: 'xinghe-g1', estateId: 'xinghe-jiayuan', name: '第一网格' },
      { gridId: 'xinghe-g2', estateId: 'binjiang-mingyuan', name: '第二网格' },
    ],
    buildings: [
      ...buildings('xinghe-jiayuan', 'xhj', [['xinghe-g1', [1, 2, 3, 4]]], 2),
      ...buildings('binjiang-mingyuan', 'bjm', [['xinghe-g2', [1, 2, 3]]], 3),
    ],
    stations: [
      { stationId: 'xinghe-center', estateId: 'xinghe-jiayuan', name: '星河党群服务站', address: '星河家园南门' },
    ],
    settings: {
      ...defaultCommunitySettings(),
      exchangeDay: { mode: 'monthly', dayOfMonth: 10, opensAt: '09:00', closesAt: '17:00' },
    },
  },
  {
    communityId: 'taoyuan',
    name: '桃源社区',
    district: DISTRICT,
    street: STREET,
    streetId: STREET_ID,
    estates: [{ estateId: 'taoyuan-xiaoqu', name: '桃源小区' }],
    grids: [
      { gridId: 'taoyuan-g1', estateId: 'taoyuan-xiaoqu', name: '第一网格' },
      { gridId: 'taoyuan-g2', estateId: 'taoyuan-xiaoqu', name: '第二网格' },
    ],
    buildings: buildings('taoyuan-xiaoqu', 'tyx', [
      ['taoyuan-g1', [1, 2, 3, 4]],
      ['taoyuan-g2', [5, 6, 7, 8]],
    ]),
    stations: [
      { stationId: 'taoyuan-center', estateId: 'taoyuan-xiaoqu', name: '桃源党群服务站', address: '桃源小区 5幢 东侧' },
    ],
    settings: {
      ...defaultCommunitySettings(),
      exchangeDay: { mode: 'monthly', dayOfMonth: 20, opensAt: '08:30', closesAt: '16:30' },
    },
  },
  {
    communityId: 'lanting',
    name: '兰亭社区',
    district: DISTRICT,
    street: STREET,
    streetId: STREET_ID,
    estates: [
      { estateId: 'lanting-yayuan', name: '兰亭雅苑' },
      { estateId: 'shuxiang-mendi', name: '书香门第' },
    ],
    grids: [
      { gridId: 'lanting-g1', estateId: 'lanting-yayuan', name: '第一网格' },
      { gridId: 'lanting-g2', estateId: 'shuxiang-mendi', name: '第二网格' },
    ],
    buildings: [
      ...buildings('lanting-yayuan', 'lty', [['lanting-g1', [1, 2, 3]]], 3),
      ...buildings('shuxiang-mendi', 'sxm', [['lanting-g2', [1, 2, 3, 4]]], 2),
    ],
    stations: [
      { stationId: 'lanting-center', estateId: 'lanting-yayuan', name: '兰亭党群服务站', address: '兰亭雅苑 1幢 西侧' },
    ],
    settings: {
      ...defaultCommunitySettings(),
      exchangeDay: { mode: 'monthly', dayOfMonth: 8, opensAt: '09:00', closesAt: '16:00' },
    },
  },
  {
    communityId: 'qingshan',
    name: '青山社区',
    district: DISTRICT,
    street: STREET,
    streetId: STREET_ID,
    estates: [
      { estateId: 'qingshan-xincun', name: '青山新村' },
      { estateId: 'yuhu-huayuan', name: '玉湖花园' },
    ],
    grids: [
      { gridId: 'qingshan-g1', estateId: 'qingshan-xincun', name: '第一网格' },
      { gridId: 'qingshan-g2', estateId: 'yuhu-huayuan', name: '第二网格' },
    ],
    buildings: [
      ...buildings('qingshan-xincun', 'qsx', [['qingshan-g1', [1, 2, 3, 4, 5]]], 2),
      ...buildings('yuhu-huayuan', 'yhh', [['qingshan-g2', [1, 2, 3]]], 3),
    ],
    stations: [
      {
        stationId: 'qingshan-center',
        estateId: 'qingshan-xincun',
        name: '青山党群服务站',
        address: '青山新村 2幢 北侧',
      },
    ],
    settings: {
      ...defaultCommunitySettings(),
      exchangeDay: { mode: 'monthly', dayOfMonth: 25, opensAt: '09:00', closesAt: '17:00' },
      followUp: { confirmDays: 5 },
    },
  },
];

/** The street office above the demo communities (街道工作台). */
export const demoStreets: StreetRecord[] = [
  {
    streetId: STREET_ID,
    name: STREET,
    district: DISTRICT,
    communities: [],
  },
];
/**
 * The street's departments and co-building units (部门报到), each with its
 * service area and one member (`member`: a persona, or a generated person).
 * Seeded with the communities that exist, so the bare structure has them too.
 */
export interface DemoUnit {
  unitId: string;
  name: string;
  kind: UnitKind;
  streetId: string;
  communityIds: string[];
  member: { userId: string; name: string };
}

const ALL = ['chunhui', 'fengqiao', 'xinghe', 'taoyuan', 'lanting', 'qingshan'];
export const demoUnits: DemoUnit[] = [
  {
    unitId: 'changhe-cg',
    name: '长河街道城管中队',
    kind: 'department',
    streetId: STREET_ID,
    communityIds: ALL,
    member: { userId: 'demo-unit-ma', name: '马强' },
  },
  {
    unitId: 'linjiang-water',
    name: '临江水务集团长河维修站',
    kind: 'utility',
    streetId: STREET_ID,
    communityIds: ALL,
    member: { userId: 'seed-unit-water', name: '郑伟' },
  },
  {
    unitId: 'changhe-power',
    name: '国网长河供电所',
    kind: 'utility',
    streetId: STREET_ID,
    communityIds: ALL,
    member: { userId: 'seed-unit-power', name: '冯军' },
  },
  {
    unitId: 'changhe-police',
    name: '长河派出所',
    kind: 'department',
    streetId: STREET_ID,
    communityIds: ALL,
    member: { userId: 'seed-unit-police', name: '韩涛' },
  },
  {
    unitId: 'changhe-school',
    name: '长河实验小学',
    kind: 'school',
    streetId: STREET_ID,
    communityIds: ['chunhui', 'fengqiao', 'xinghe'],
    member: { userId: 'seed-unit-school', name: '沈慧' },
  },
  {
    unitId: 'changhe-clinic',
    name: '长河社区卫生服务中心',
    kind: 'hospital',
    streetId: STREET_ID,
    communityIds: ['taoyuan', 'lanting', 'qingshan'],
    member: { userId: 'seed-unit-clinic', name: '杨静' },
  },
];

/** The bare structure (`npm start -- --empty`, and every test stack): the first two communities, as before. */
export const bareCommunityIds = ['chunhui', 'fengqiao'];

export interface DemoPerson {
  persona: string;
  name: string;
  description: string;
  /** A role over a street instead of (or besides) a community. */
  street?: { streetId: string; roles: StreetRole[] };
  /** A role in a unit (its queue of dispatched reports). */
  unit?: { unitId: string; roles: UnitRole[] };
  membership?: {
    communityId: string;
    roles: Role[];
    gridIds?: string[];
    stationIds?: string[];
    home?: { estateId: string; buildingId: string; unit: number; room: string };
  };
}

export const demoPeople: DemoPerson[] = [
  {
    persona: 'street-qian',
    name: '钱志远',
    description: '长河街道管理员：对比各社区的整改率、回收量和通知阅读率',
    street: { streetId: STREET_ID, roles: ['street_admin'] },
  },
  {
    persona: 'unit-ma',
    name: '马强',
    description: '长河街道城管中队队员：处理社区和街道派来的案件',
    unit: { unitId: 'changhe-cg', roles: ['unit_staff'] },
  },
  {
    persona: 'street2-wu',
    name: '吴晓燕',
    description: '长河街道第二位管理员：审核街道公告',
    street: { streetId: STREET_ID, roles: ['street_admin'] },
  },
  {
    persona: 'resident-wang',
    name: '王秀英',
    description: '春晖苑居民，退休教师',
    membership: {
      communityId: 'chunhui',
      roles: ['resident'],
      home: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, room: '502' },
    },
  },
  {
    persona: 'resident-li',
    name: '李建国',
    description: '翠竹园居民，楼道志愿者',
    membership: {
      communityId: 'chunhui',
      roles: ['resident'],
      home: { estateId: 'cuizhu-yuan', buildingId: 'czy-b2', unit: 1, room: '301' },
    },
  },
  {
    persona: 'grid-zhang',
    name: '张丽',
    description: '春晖社区网格员（第一、二网格）',
    membership: { communityId: 'chunhui', roles: ['grid_worker'], gridIds: ['chunhui-g1', 'chunhui-g2'] },
  },
  {
    persona: 'property-chen',
    name: '陈志强',
    description: '春晖苑物业维修主管',
    membership: { communityId: 'chunhui', roles: ['property_staff'] },
  },
  {
    persona: 'operator-liu',
    name: '刘芳',
    description: '春晖党群服务站工作人员',
    membership: { communityId: 'chunhui', roles: ['station_operator'], stationIds: ['chunhui-center'] },
  },
  {
    persona: 'admin-chunhui',
    name: '赵建华',
    description: '春晖社区党委书记（管理员）',
    membership: { communityId: 'chunhui', roles: ['admin'] },
  },
  {
    persona: 'admin2-chunhui',
    name: '孙梅',
    description: '春晖社区居委会主任（管理员）',
    membership: { communityId: 'chunhui', roles: ['admin'] },
  },
  { persona: 'newcomer', name: '林小雨', description: '刚搬来的新住户，尚未绑定房屋' },
  {
    persona: 'resident-zhou',
    name: '周敏',
    description: '枫桥新村居民',
    membership: {
      communityId: 'fengqiao',
      roles: ['resident'],
      home: { estateId: 'fengqiao-xincun', buildingId: 'fqx-b2', unit: 1, room: '201' },
    },
  },
  {
    persona: 'grid-xu',
    name: '徐海',
    description: '枫桥社区网格员（第一网格）',
    membership: { communityId: 'fengqiao', roles: ['grid_worker'], gridIds: ['fengqiao-g1'] },
  },
  {
    persona: 'operator-he',
    name: '何静',
    description: '枫桥党群服务站工作人员',
    membership: { communityId: 'fengqiao', roles: ['station_operator'], stationIds: ['fengqiao-center'] },
  },
  {
    persona: 'admin-fengqiao',
    name: '吴国栋',
    description: '枫桥社区党委书记（管理员）',
    membership: { communityId: 'fengqiao', roles: ['admin'] },
  },
];

export interface DemoReward {
  communityId: string;
  rewardId: string;
  name: string;
  description: string;
  pointsCost: number;
  monthlyLimit: number | null;
  stock: Record<string, number>;
}

/** Daily goods on the exchange-day shelves, with what each station holds. */
export const demoRewards: DemoReward[] = [
  {
    communityId: 'chunhui',
    rewardId: 'garbage-bags',
    name: '垃圾袋（1卷）',
    description: '加厚分类垃圾袋，每卷 30 只',
    pointsCost: 20,
    monthlyLimit: null,
    stock: { 'chunhui-center': 200, 'cuizhu-point': 80 },
  },
  {
    communityId: 'chunhui',
    rewardId: 'laundry-soap',
    name: '洗衣皂',
    description: '200 克装',
    pointsCost: 30,
    monthlyLimit: 4,
    stock: { 'chunhui-center': 60, 'cuizhu-point': 30 },
  },
  {
    communityId: 'chunhui',
    rewardId: 'dish-soap',
    name: '洗洁精',
    description: '500 毫升',
    pointsCost: 50,
    monthlyLimit: 2,
    stock: { 'chunhui-center': 40, 'cuizhu-point': 20 },
  },
  {
    communityId: 'chunhui',
    rewardId: 'towel',
    name: '毛巾',
    description: '纯棉面巾',
    pointsCost: 80,
    monthlyLimit: 1,
    stock: { 'chunhui-center': 15, 'cuizhu-point': 5 },
  },
  {
    communityId: 'fengqiao',
    rewardId: 'garbage-bags',
    name: '垃圾袋（1卷）',
    description: '加厚分类垃圾袋',
    pointsCost: 20,
    monthlyLimit: null,
    stock: { 'fengqiao-center': 100 },
  },
  {
    communityId: 'fengqiao',
    rewardId: 'towel',
    name: '毛巾',
    description: '纯棉面巾',
    pointsCost: 80,
    monthlyLimit: 1,
    stock: { 'fengqiao-center': 10 },
  },
  ...standardShelf('xinghe', 'xinghe-center'),
  ...standardShelf('taoyuan', 'taoyuan-center'),
  ...standardShelf('lanting', 'lanting-center'),
  ...standardShelf('qingshan', 'qingshan-center'),
];

/** The four newer communities keep the same shelf at their one station. */
function standardShelf(communityId: string, stationId: string): DemoReward[] {
  const shelf: [string, string, string, number, number | null, number][] = [
    ['garbage-bags', '垃圾袋（1卷）', '加厚分类垃圾袋，每卷 30 只', 20, null, 150],
    ['laundry-soap', '洗衣皂', '200 克装', 30, 4, 50],
    ['dish-soap', '洗洁精', '500 毫升', 50, 2, 30],
    ['towel', '毛巾', '纯棉面巾', 80, 1, 12],
  ];
  return shelf.map(([rewardId, name, description, pointsCost, monthlyLimit, quantity]) => ({
    communityId,
    rewardId,
    name,
    description,
    pointsCost,
    monthlyLimit,
    stock: { [stationId]: quantity },
  }));
}

export interface DemoActivity {
  communityId: string;
  activityId: string;
  title: string;
  description: string;
  /** Days after seeding (Shanghai date), so the demo always has something coming up. */
  inDays: number;
  startTime: string;
  endTime: string;
  place: string;
  points: number;
  capacity: number;
  organiser: string;
}

/** Volunteer activities of the monthly theme (一月一主题), run by the community's staff. */
export const demoActivities: DemoActivity[] = [
  {
    communityId: 'chunhui',
    activityId: 'demo-stairwell-clean',
    title: '楼道清洁日',
    description: '清理楼道杂物和小广告，工具由社区提供，请穿方便活动的衣服。',
    inDays: 2,
    startTime: '09:00',
    endTime: '11:00',
    place: '春晖苑 3幢 楼下集合',
    points: 20,
    capacity: 15,
    organiser: 'grid-zhang',
  },
  {
    communityId: 'chunhui',
    activityId: 'demo-sorting-guide',
    title: '垃圾分类桶边督导',
    description: '早晚高峰在分类投放点引导居民正确分类投放。',
    inDays: 5,
    startTime: '07:00',
    endTime: '09:00',
    place: '春晖党群服务站',
    points: 15,
    capacity: 6,
    organiser: 'operator-liu',
  },
  {
    communityId: 'fengqiao',
    activityId: 'demo-elderly-visit',
    title: '探望独居老人',
    description: '两人一组上门陪伴聊天，帮忙检查水电燃气安全。',
    inDays: 3,
    startTime: '14:00',
    endTime: '16:30',
    place: '枫桥党群服务站',
    points: 30,
    capacity: 10,
    organiser: 'grid-xu',
  },
];
