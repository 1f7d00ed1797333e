import type { FeedbackReport } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { LoadState } from '@/components/load-state';
import { ReportCard } from '@/components/report-card';
import type { PagedState } from '@/hooks/use-paged';
import { go, PAGES, withQuery } from '@/navigation';
import type { Desk } from '@/services/api';

interface DeskReportsProps {
  list: PagedState<FeedbackReport>;
  desk: Desk;
  empty: string;
  /** Something more to say on each card (how long it has waited). */
  note?: (report: FeedbackReport) => ReactNode;
}

/** The reports on a unit's queue or the street's desk; each opens as that desk works it. */
export function DeskReports({ list, desk, empty, note }: DeskReportsProps) {
  return (
    <>
      {list.items.map((report) => (
        <ReportCard
          key={report.reportId}
          report={report}
          forStaff
          onOpen={() =>
            go(withQuery(PAGES.feedbackDetail, { communityId: report.communityId, reportId: report.reportId, ...desk }))
          }
        >
          {note?.(report)}
        </ReportCard>
      ))}
      {!list.loading && !list.error && list.items.length === 0 && <Text className="para">{empty}</Text>}
      <LoadState loading={list.loading} error={list.error} onRetry={() => void list.reload()} />
      {list.cursor && !list.loading && (
        <Button block fill="outline" onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
    </>
  );
}
