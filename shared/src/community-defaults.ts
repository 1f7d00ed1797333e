import type { CommunitySettings } from './schemas/community.js';

/**
 * What a new community starts with: the "1715" service promise, an exchange
 * day on the 6th, and common recyclables. Admins change them per community.
 */
export function defaultCommunitySettings(): CommunitySettings {
  return {
    version: 1,
    sla: {
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
    },
  };
}
