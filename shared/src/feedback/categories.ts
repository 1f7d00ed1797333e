/**
 * What residents report, with how urgent each usually is and how big a repair
 * it usually needs. Each community starts from this list and may change it.
 */
export const URGENCIES = ['urgent', 'routine', 'complex'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { urgent: '紧急', routine: '一般', complex: '复杂' };

export const REPAIR_SIZES = ['small', 'medium', 'major'] as const;
export type RepairSize = (typeof REPAIR_SIZES)[number];
export const REPAIR_LABELS: Record<RepairSize, string> = { small: '小修', medium: '中修', major: '大修' };

export interface FeedbackCategory {
  category: string;
  label: string;
  urgency: Urgency;
  /** Null for problems that are not repairs (disputes, parking, suggestions). */
  repair: RepairSize | null;
  enabled: boolean;
}

const c = (category: string, label: string, urgency: Urgency, repair: RepairSize | null): FeedbackCategory => ({
  category,
  label,
  urgency,
  repair,
  enabled: true,
});

export const DEFAULT_FEEDBACK_CATEGORIES: FeedbackCategory[] = [
  c('leak', '房屋漏水', 'complex', 'medium'),
  c('drain', '下水堵塞', 'routine', 'small'),
  c('manhole', '井盖破损', 'urgent', 'small'),
  c('lighting', '路灯照明', 'routine', 'small'),
  c('elevator', '电梯', 'urgent', 'medium'),
  c('flying_wire', '飞线充电', 'urgent', null),
  c('fire_passage', '消防通道', 'urgent', null),
  c('sanitation', '环境卫生', 'routine', null),
  c('parking', '停车', 'routine', null),
  c('pets', '宠物', 'routine', null),
  c('noise', '噪音', 'routine', null),
  c('dispute', '邻里纠纷', 'complex', null),
  c('security', '治安监控', 'complex', 'medium'),
  c('elderly_help', '独居老人求助', 'urgent', null),
  c('suggestion', '建议', 'complex', null),
  c('other', '其他', 'routine', null),
];
