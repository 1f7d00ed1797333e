/** The sorting guide (这个怎么分): its own entry point, so only the pages that search it carry the list. */
export * from './categories.js';
export { COMMON_ITEMS } from './items.js';
export * from './search.js';
