import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { useAsync } from '@/hooks/use-async';
import { api, type Desk, type FeedbackDetail } from '@/services/api';

/** A unit's or the street's desk from the page's parameters (`unitId=…`, `streetId=…`); none inside the community. */
export function deskOf(params: Record<string, string | undefined>): Desk | undefined {
  if (params.unitId) return { unitId: params.unitId };
  if (params.streetId) return { streetId: params.streetId };
  return undefined;
}

/** One report with its timeline; an action's answer replaces it, coming back to the page reloads it. */
export function useReport(communityId: string | undefined, reportId: string | undefined, desk?: Desk) {
  const deskKey = desk ? Object.values(desk).join('') : '';
  const loaded = useAsync(communityId && reportId ? `${communityId}:${reportId}:${deskKey}` : null, () =>
    api.feedbackDetail(communityId ?? '', reportId ?? '', desk),
  );
  const [latest, setLatest] = useState<FeedbackDetail>();
  const reload = async () => {
    setLatest(undefined);
    await loaded.reload();
  };
  // The first show comes with the first load; a return (from previewing photos, another page) reloads.
  const loading = useRef(loaded.loading);
  loading.current = loaded.loading;
  useDidShow(() => {
    if (!loading.current && (latest ?? loaded.data)) void reload();
  });
  return {
    detail: latest ?? loaded.data,
    loading: loaded.loading,
    error: loaded.error,
    reload,
    update: setLatest,
  };
}
