import './zod-locale.js';

export * from './community-defaults.js';
export * from './errors.js';
export * from './roles.js';
export * from './schemas/auth.js';
export * from './schemas/common.js';
export * from './schemas/community.js';
export * from './schemas/household.js';
export * from './schemas/me.js';
export * from './schemas/system.js';
export * from './schemas/uploads.js';
