/** Chinese labels of stored values, shared by the API's messages and the pages. */
export const HOUSEHOLD_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

export const HOUSEHOLD_RELATIONS = ['owner', 'tenant', 'family'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

export const RELATION_LABELS: Record<HouseholdRelation, string> = {
  owner: '业主本人',
  tenant: '租户',
  family: '业主家人',
};

/** Where a report comes from: the app, a QR code, or entered by staff from paper, the hotline or a visit. */
export const FEEDBACK_CHANNELS = ['app', 'qrcode', 'paper', 'hotline', 'visit', 'open311'] as const;
export type FeedbackChannelKey = (typeof FEEDBACK_CHANNELS)[number];
export const FEEDBACK_CHANNEL_LABELS: Record<FeedbackChannelKey, string> = {
  app: '小程序',
  qrcode: '扫码',
  paper: '意见箱纸条',
  hotline: '热线电话',
  visit: '上门走访',
  open311: '开放接口',
};

/** Chinese names of request fields, so an error can name the field to a person. */
export const FIELD_LABELS: Record<string, string> = {
  code: '登录凭证',
  persona: '演示身份',
  communityId: '社区',
  estateId: '小区',
  buildingId: '楼栋',
  householdId: '住户',
  unit: '单元',
  room: '门牌号',
  relation: '与房屋的关系',
  reason: '原因',
  status: '状态',
  cursor: '分页标记',
  limit: '每页条数',
  version: '版本号',
  category: '问题类别',
  description: '描述',
  photos: '照片',
  location: '位置',
  detail: '位置说明',
  anonymous: '匿名',
  rating: '评分',
  comment: '评价',
  text: '内容',
  note: '说明',
  target: '派单对象',
  templateId: '回复模板',
  action: '操作',
  reporterName: '反映人称呼',
  reporterPhone: '手机号',
  contentType: '图片格式',
  size: '图片大小',
  purpose: '用途',
  'idempotency-key': '请求编号',
  'content-type': '内容类型',
  from: '开始月份',
  to: '结束月份',
  days: '天数',
  date: '日期',
  startTime: '开始时间',
  endTime: '结束时间',
  place: '地点',
  points: '积分',
  capacity: '人数上限',
  organiserId: '组织者',
  checkinCode: '签到码',
  memberCode: '积分码',
  pickupCode: '领取码',
  userIds: '参加居民',
  userId: '居民',
  stationId: '服务站',
  pointsCost: '所需积分',
  monthlyLimit: '每月限兑',
  imageKey: '图片',
  delta: '变动数量',
  optIn: '参加排行榜',
  displayName: '昵称',
};
