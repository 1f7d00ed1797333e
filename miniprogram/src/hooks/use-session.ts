import { useSyncExternalStore } from 'react';
import { getSession, onSessionChange, type Session } from '@/services/api';
import { hasPrivacyConsent, onConsentChange } from '@/services/consent';

/** The signed-in person, or null; re-renders on sign-in, sign-out and 401. */
export function useSession(): Session | null {
  return useSyncExternalStore(onSessionChange, getSession, getSession);
}

export function usePrivacyConsent(): boolean {
  return useSyncExternalStore(onConsentChange, hasPrivacyConsent, hasPrivacyConsent);
}
