/**
 * The version of the privacy guide (pages/privacy). Bump it when the guide
 * changes: everyone is asked again. Apart from consent.ts, with no imports,
 * so the tests that seed a consent read the same one.
 */
export const PRIVACY_GUIDE_VERSION = '2026-12-03';
