import { DEFAULT_FEEDBACK_CATEGORIES } from './feedback/categories.js';
import { DEFAULT_CONFIRM_DAYS } from './feedback/deadlines.js';
import type { CommunitySettings } from './schemas/community.js';

/**
 * What a new community starts with: the "1715" service promise, an exchange
 * day on the 6th, and common recyclables. Admins change them per community.
 */
export function defaultCommunitySettings(): CommunitySettings {
  return {
    version: 1,
    sla: {
      // Accepted within 10 minutes (urgent), 2 hours (routine) or a day (complex) of arrival.
      acceptMinutes: { urgent: 10, routine: 120, complex: 24 * 60 },
      urgentOnSiteMinutes: 10,
      routineFixMinutes: 60,
      complexPlanMinutes: 24 * 60,
      repairDays: { small: 1, medium: 7, major: 15 },
    },
    exchangeDay: { mode: 'monthly', dayOfMonth: 6, opensAt: '08:30', closesAt: '17:00' },
    pointsRules: {
      materials: [
        { material: 'cardboard', label: '纸板', pointsPerKg: 10 },
        { material: 'plastic_bottle', label: '塑料瓶', pointsPerKg: 20 },
        { material: 'metal_can', label: '易拉罐', pointsPerKg: 30 },
        { material: 'glass', label: '玻璃', pointsPerKg: 5 },
        { material: 'textile', label: '旧衣物', pointsPerKg: 8 },
      ],
      rounding: 'floor',
      maxLineGrams: 50_000,
      dailyCapPoints: 500,
      expiry: 'never',
    },
    feedback: {
      categories: DEFAULT_FEEDBACK_CATEGORIES.map((c) => ({ ...c })),
      replyTemplates: [
        {
          templateId: 'received',
          title: '已收到',
          text: '您好，您反映的问题已收到，我们会尽快安排人员处理，感谢您对社区工作的支持！',
        },
        { templateId: 'on_the_way', title: '正在处理', text: '您好，工作人员正在赶往现场，请保持电话畅通。' },
        {
          templateId: 'done',
          title: '已处理',
          text: '您好，问题已处理完毕，请您查看并确认，如仍有问题可点击“未解决”。',
        },
      ],
    },
    followUp: { confirmDays: DEFAULT_CONFIRM_DAYS },
  };
}
