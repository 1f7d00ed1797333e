/**
 * Consent to the privacy guide, kept on the device. Sign-in refuses to run
 * without it (services/api.ts), so nothing personal leaves before consent.
 */
import Taro from '@tarojs/taro';
import { PRIVACY_GUIDE_VERSION } from './privacy-version';

export { PRIVACY_GUIDE_VERSION };

const CONSENT_KEY = 'linli.privacyConsent';
const listeners = new Set<() => void>();

interface StoredConsent {
  version: string;
  agreedAt: string;
}

export function hasPrivacyConsent(): boolean {
  const stored = Taro.getStorageSync(CONSENT_KEY) as StoredConsent | '' | undefined;
  return !!stored && typeof stored === 'object' && stored.version === PRIVACY_GUIDE_VERSION;
}

export function recordPrivacyConsent(): void {
  const consent: StoredConsent = { version: PRIVACY_GUIDE_VERSION, agreedAt: new Date().toISOString() };
  Taro.setStorageSync(CONSENT_KEY, consent);
  for (const listener of listeners) listener();
}

export function withdrawPrivacyConsent(): void {
  Taro.removeStorageSync(CONSENT_KEY);
  for (const listener of listeners) listener();
}

export function onConsentChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
