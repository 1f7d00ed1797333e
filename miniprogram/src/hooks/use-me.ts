import type { Household, Membership, MeResponse, Role } from '@linli/shared';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useSyncExternalStore } from 'react';
import { type ApiError, api, onSessionChange, toApiError } from '@/services/api';
import { useSession } from './use-session';

/**
 * The signed-in person's profile, memberships and bindings, shared by every
 * page and refreshed whenever a page comes into view.
 */
interface MeState {
  me: MeResponse | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

let state: MeState = { me: undefined, error: undefined, loading: false };
let inFlight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function update(next: Partial<MeState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function refreshMe(): Promise<void> {
  if (inFlight) return inFlight;
  update({ loading: true, error: undefined });
  inFlight = api
    .me()
    .then((me) => update({ me, loading: false }))
    .catch((e: unknown) => update({ error: toApiError(e), loading: false }))
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

// A new person must never see the previous one's data.
onSessionChange(() => update({ me: undefined, error: undefined }));

export interface MeView extends MeState {
  reload: () => Promise<void>;
}

export function useMe(): MeView {
  const session = useSession();
  const snapshot = useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
  useEffect(() => {
    if (session && !state.me && !inFlight) void refreshMe();
  }, [session]);
  useDidShow(() => {
    if (session) void refreshMe();
  });
  return { ...snapshot, reload: refreshMe };
}

/** The community a page talks about: where the person has a role, else where they asked to live. */
export function currentMembership(me: MeResponse | undefined): Membership | undefined {
  if (!me) return undefined;
  return me.memberships.find((m) => m.household?.status === 'approved') ?? me.memberships[0];
}

export function currentCommunityId(me: MeResponse | undefined): string | undefined {
  return currentMembership(me)?.communityId ?? latestHousehold(me)?.communityId;
}

export function latestHousehold(me: MeResponse | undefined): Household | undefined {
  return me?.households[0];
}

/** Every role the person holds in the community, for role-aware entries. */
export function rolesIn(me: MeResponse | undefined, communityId: string | undefined): Role[] {
  return me?.memberships.find((m) => m.communityId === communityId)?.roles ?? [];
}
