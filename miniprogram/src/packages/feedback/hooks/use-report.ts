import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { useAsync } from '@/hooks/use-async';
import { api, type FeedbackDetail } from '@/services/api';

/** One report with its timeline; an action's answer replaces it, coming back to the page reloads it. */
export function useReport(communityId: string | undefined, reportId: string | undefined) {
  const loaded = useAsync(communityId && reportId ? `${communityId}:${reportId}` : null, () =>
    api.feedbackDetail(communityId ?? '', reportId ?? ''),
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
