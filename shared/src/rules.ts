/**
 * The zod-free half of shared: roles, labels, the feedback state machine,
 * deadlines and business time. The mini-program imports runtime values from
 * here (`@linli/shared/rules`) so its main package carries no schemas.
 */

export * from './bulletins/kinds.js';
export * from './bulletins/lifecycle.js';
export * from './bulletins/markup.js';
export * from './community-defaults.js';
export * from './feedback/attributes.js';
export * from './feedback/categories.js';
export * from './feedback/deadlines.js';
export * from './feedback/location.js';
export * from './feedback/retention.js';
export * from './feedback/state-machine.js';
export * from './format.js';
export * from './households.js';
export * from './labels.js';
export * from './points/activities.js';
export * from './points/codes.js';
export * from './points/credit-requests.js';
export * from './points/expiry.js';
export * from './points/leaderboard.js';
export * from './points/ledger.js';
export * from './points/rules.js';
export * from './points/sort-quality.js';
export * from './points/weigh-in.js';
export * from './roles.js';
export * from './time.js';
