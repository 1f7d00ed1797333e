/**
 * The words of the living demo district: residents' names, what they report,
 * what staff answer, the bulletins and the volunteer activities. The planner
 * (living-plan.ts) draws from these with its seeded PRNG.
 */

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
];
export const GIVEN_NAMES = [
  '秀英',
  '桂英',
  '建国',
  '建华',
  '志强',
  '丽华',
  '国庆',
  '淑珍',
  '玉兰',
  '海燕',
  '文军',
  '红梅',
  '德明',
  '凤英',
  '永红',
  '春生',
  '金花',
  '晓明',
  '丽娟',
  '家豪',
  '子涵',
  '思远',
  '雨桐',
  '浩然',
  '佳怡',
  '俊杰',
  '婷婷',
  '宇航',
  '欣怡',
  '明辉',
  '素芬',
  '兰英',
  '振华',
  '卫东',
  '秋菊',
  '宏伟',
  '美玲',
  '立新',
  '翠萍',
  '国平',
];

/** Outside units a report may be dispatched to (共建单位 / 包保单位), as today's dispatch names them. */

export interface ReportText {
  category: string;
  description: string;
  detail: string;
}

/** What residents report; the categories are the default list's (shared/src/feedback/categories.ts). */
export const REPORT_TEXTS: ReportText[] = [
  {
    category: 'flying_wire',
    description: '楼上有人从窗户拉电线给电动车充电，电线垂到一楼，下雨天很危险。',
    detail: '楼下车棚旁',
  },
  { category: 'fire_passage', description: '消防通道被几辆私家车堵住了，已经停了两天。', detail: '东侧消防通道' },
  { category: 'sanitation', description: '楼道里堆了很多纸箱和旧家具，有股霉味，希望清理一下。', detail: '一楼楼道' },
  { category: 'parking', description: '小区门口乱停车，早上老人出门很不方便。', detail: '小区北门' },
  { category: 'pets', description: '有住户遛狗不拴绳，小孩被吓哭了，希望社区提醒一下。', detail: '中心花园' },
  { category: 'noise', description: '晚上十点以后楼上还在装修，电钻声很大，影响休息。', detail: '本单元' },
  { category: 'dispute', description: '楼上空调外机滴水到我家阳台，和邻居沟通了几次没有结果。', detail: '阳台外侧' },
  { category: 'elderly_help', description: '隔壁独居的老人两天没出门了，敲门没人应，请社区帮忙看看。', detail: '三楼' },
  { category: 'suggestion', description: '建议在小区里多放几张长椅，方便老人散步时休息。', detail: '中心花园步道' },
  { category: 'other', description: '单元门禁卡读卡器失灵，刷卡经常没反应。', detail: '单元门口' },
  { category: 'sanitation', description: '垃圾分类投放点的厨余垃圾桶满了没人清运，气味很大。', detail: '分类投放点' },
  { category: 'parking', description: '电动车停在楼道里充电，堵住了楼梯口。', detail: '二楼楼梯口' },
  { category: 'noise', description: '广场舞音响声音太大，晚上九点后还没停。', detail: '小区广场' },
  { category: 'suggestion', description: '希望在分类投放点加装洗手池，倒完厨余垃圾可以洗手。', detail: '分类投放点' },
  { category: 'other', description: '快递柜旁边的雨棚破了，下雨取件会淋湿。', detail: '快递柜旁' },
  { category: 'pets', description: '草坪上经常有狗的粪便没人清理。', detail: '南侧草坪' },
  { category: 'dispute', description: '邻居在公共走廊放了鞋柜，占了一半通道。', detail: '本层走廊' },
  { category: 'sanitation', description: '绿化带里有很多烟头和塑料袋，好久没人打扫了。', detail: '西侧绿化带' },
];

/** Reports about repairs: they wait, are refused, withdrawn or still being worked on (a repair is resolved with photos). */
export const REPAIR_TEXTS: ReportText[] = [
  { category: 'leak', description: '卫生间天花板渗水，怀疑是楼上水管漏了。', detail: '卫生间' },
  { category: 'drain', description: '楼下的下水道堵了，污水漫到路面上。', detail: '单元门口' },
  { category: 'lighting', description: '楼道声控灯坏了，晚上上下楼一片漆黑。', detail: '三楼楼道' },
  { category: 'manhole', description: '路边井盖松动，踩上去会翘起来。', detail: '主干道路边' },
  { category: 'elevator', description: '电梯运行时有异响，门关不严。', detail: '单元电梯' },
  { category: 'security', description: '车棚的监控摄像头坏了，最近丢了两辆电动车。', detail: '地面车棚' },
];

export const ACCEPT_NOTES = ['已安排网格员跟进', '已联系物业维修', '请保持电话畅通'];
export const RESOLVE_NOTES = [
  '已到现场处理完毕，并向居民说明情况。',
  '已协调相关住户整改，现场已恢复正常。',
  '已清理完毕，后续会加强巡查。',
  '已联系责任单位处理，现场已复查。',
  '已上门走访，问题已解决。',
];
export const RATING_COMMENTS = ['处理很及时，谢谢！', '网格员很负责', '满意', '速度可以再快一点', '问题解决了'];
export const REOPEN_REASONS = ['问题又出现了，没有彻底解决。', '现场还是老样子，请再来看看。'];
export const REJECT_REASONS = ['该问题属于业主家庭内部事务，建议与家人协商。', '已由物业另行处理，此条重复。'];
export const WITHDRAW_REASONS = ['已经自己解决了', '填错了小区'];
export const ESCALATE_REASONS = ['涉及多个部门，网格无法单独解决，请社区协调。', '需要执法部门介入。'];
export const FOLLOW_UP_NOTES = ['居民表示满意', '老人说已经好了'];
export const UNSATISFIED_NOTES = ['居民说问题仍在，需要再处理'];
export const HOTLINE_NAMES = ['热线：刘大爷', '来访：陈阿姨', '热线：赵先生', '纸质意见箱：匿名'];

export interface BulletinText {
  kind: 'notice' | 'news' | 'event' | 'newsletter' | 'good_deed' | 'civility';
  title: string;
  body: string;
  important?: boolean;
}

/** Every kind of bulletin; `{c}` is the community's name. */
export const BULLETIN_TEXTS: BulletinText[] = [
  {
    kind: 'notice',
    title: '关于小区停水检修的通知',
    body: '# 停水通知\n\n因供水管道检修，本周六 **08:00–14:00** 小区停水，请居民提前储水。\n\n- 检修期间请关好水龙头\n- 如有疑问请联系社区',
    important: true,
  },
  {
    kind: 'news',
    title: '{c}举办垃圾分类知识讲座',
    body: '本周社区邀请区环卫所的老师为居民讲解垃圾分类知识，六十多位居民参加，现场还进行了有奖问答。',
  },
  {
    kind: 'event',
    title: '一月一主题：邻里清洁日报名',
    body: '本月主题是“清洁家园”。欢迎居民报名参加楼道清洁，参加可获得志愿积分。\n\n- 地点：社区党群服务站集合\n- 工具由社区提供',
  },
  {
    kind: 'good_deed',
    title: '好人好事：热心居民帮助独居老人',
    body: '一位热心居民每天帮独居老人买菜、取药，坚持了半年。社区向这位居民表示感谢！',
  },
  {
    kind: 'civility',
    title: '文明曝光：楼道堆物存在消防隐患',
    body: '近期巡查发现部分楼道堆放杂物，存在消防隐患。请居民自觉清理，共同维护安全通道。',
  },
  {
    kind: 'newsletter',
    title: '睦邻服务报：网格员的一天',
    body: '早上七点，网格员已经在小区里巡查。她说：“居民的小事，就是我们的大事。”',
  },
  {
    kind: 'newsletter',
    title: '睦邻服务报：积分兑换日见闻',
    body: '每月兑换日，服务站前排起长队，居民用分类积分换来垃圾袋、洗衣皂，大家都说“分类有回报”。',
  },
  {
    kind: 'notice',
    title: '冬季用电安全提醒',
    body: '天气转冷，请居民注意用电安全，**不要飞线充电**，电动车请到集中充电桩充电。',
  },
];

export const NEWSLETTER_TITLE = '睦邻服务报 第{n}期';

/** Display names residents choose for the leaderboard. */
export const BOARD_NAMES = ['{s}阿姨', '{s}大爷', '{s}先生', '{s}女士', '{b}{s}家', '环保达人{s}'];

export interface ActivityText {
  title: string;
  description: string;
  startTime: string;
  endTime: string;
  points: number;
}

export const ACTIVITY_TEXTS: ActivityText[] = [
  {
    title: '楼道清洁日',
    description: '清理楼道杂物和小广告，工具由社区提供。',
    startTime: '09:00',
    endTime: '11:00',
    points: 20,
  },
  {
    title: '垃圾分类桶边督导',
    description: '在分类投放点引导居民正确投放。',
    startTime: '07:00',
    endTime: '09:00',
    points: 15,
  },
  {
    title: '探望独居老人',
    description: '两人一组上门陪伴聊天，检查水电燃气安全。',
    startTime: '14:00',
    endTime: '16:00',
    points: 30,
  },
  {
    title: '治安巡逻',
    description: '晚间在小区内巡逻，留意门窗和车棚。',
    startTime: '19:00',
    endTime: '21:00',
    points: 20,
  },
  {
    title: '政策宣传',
    description: '在服务站门口发放宣传册，讲解养老和医保政策。',
    startTime: '09:30',
    endTime: '11:30',
    points: 15,
  },
  { title: '绿化带除草', description: '给小区绿化带除草、捡垃圾。', startTime: '08:00', endTime: '10:00', points: 20 },
];
