/**
 * When to show the privacy dialog. It opens on first launch (no consent on
 * this device), when WeChat reports a privacy API waiting for consent
 * (`onNeedPrivacyAuthorization`), and when someone tries to sign in without it.
 */
import Taro from '@tarojs/taro';
import { hasPrivacyConsent, recordPrivacyConsent } from './consent';

export const AGREE_BUTTON_ID = 'linli-privacy-agree';

type WechatResolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

interface PromptState {
  open: boolean;
  /** WeChat's callback for the privacy API that is waiting on the person's answer. */
  pending: WechatResolve | null;
}

let state: PromptState = { open: !hasPrivacyConsent(), pending: null };
const listeners = new Set<() => void>();

function update(next: Partial<PromptState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function getPromptState(): PromptState {
  return state;
}

export function onPromptChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function openPrivacyPrompt(): void {
  update({ open: true });
}

export function agreeToPrivacy(): void {
  recordPrivacyConsent();
  state.pending?.({ event: 'agree', buttonId: AGREE_BUTTON_ID });
  update({ open: false, pending: null });
}

export function declinePrivacy(): void {
  state.pending?.({ event: 'disagree' });
  update({ open: false, pending: null });
}

/** weapp only: hook WeChat's own privacy check into the same dialog. Called once at launch. */
export function watchWechatPrivacy(): void {
  // Base libraries before 2.32.3 have no privacy API; our own dialog still asks.
  if (process.env.TARO_ENV !== 'weapp' || !Taro.canIUse('onNeedPrivacyAuthorization')) return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    resolve({ event: 'exposureAuthorization' });
    update({ open: true, pending: resolve });
  });
  Taro.getPrivacySetting({
    success: ({ needAuthorization }) => {
      if (needAuthorization) update({ open: true });
    },
  });
}
