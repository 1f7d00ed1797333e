import './zod-locale.js';

export * from './errors.js';
export * from './rules.js';
export * from './schemas/activities.js';
export * from './schemas/auth.js';
export * from './schemas/bulletins.js';
export * from './schemas/common.js';
export * from './schemas/community.js';
export * from './schemas/feedback.js';
export * from './schemas/household.js';
export * from './schemas/me.js';
export * from './schemas/messages.js';
export * from './schemas/open311.js';
export * from './schemas/points.js';
export * from './schemas/points-admin.js';
export * from './schemas/stats.js';
export * from './schemas/system.js';
export * from './schemas/uploads.js';
