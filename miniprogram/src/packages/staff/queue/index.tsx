import type { Community, FeedbackReport, FeedbackStatus, Membership } from '@linli/shared';
import { FEEDBACK_STATUS_LABELS, FEEDBACK_STATUSES } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BulkBar } from '@/components/bulk-bar';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { DataTable } from '@/components/data-table';
import { ListSearch } from '@/components/list-search';
import { LoadState } from '@/components/load-state';
import { ReportCard } from '@/components/report-card';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StaffGate } from '@/components/staff-gate';
import { useBulkTable } from '@/hooks/use-bulk-table';
import { useDesktop } from '@/hooks/use-desktop';
import { type PagedState, usePaged } from '@/hooks/use-paged';
import { go, PAGES, reportUrl, withQuery } from '@/navigation';
import { api, type FeedbackQueueFilter } from '@/services/api';
import { COLUMNS, canAccept } from './columns';
import './index.scss';

const TITLE = '意见箱工作';

type StatusFilter = FeedbackStatus | 'open' | 'done';
const STATUS_CHOICES: Choice<StatusFilter>[] = [
  { value: 'open', label: '未办完' },
  { value: 'done', label: '已办完' },
  ...FEEDBACK_STATUSES.map((s) => ({ value: s, label: FEEDBACK_STATUS_LABELS[s] })),
];
const ALL = '';

/**
 * The staff queue: grid workers see one of their grids, property staff what
 * was dispatched to them, admins the whole community (or one grid).
 */
export default function QueuePage() {
  const { params } = useRouter();
  return (
    <Screen title={TITLE}>
      <StaffGate
        roles={['grid_worker', 'property_staff', 'admin']}
        signInReason="登录后查看需要您处理的反映。"
        deniedText="意见箱工作只对网格员、物业和社区管理员开放。"
      >
        {({ community, membership }) => (
          <Queue community={community} membership={membership} initialGrid={params.gridId} />
        )}
      </StaffGate>
    </Screen>
  );
}

function Queue({
  community,
  membership,
  initialGrid,
}: {
  community: Community;
  membership: Membership;
  initialGrid: string | undefined;
}) {
  const communityId = community.communityId;
  const isAdmin = membership.roles.includes('admin');
  const isGridWorker = membership.roles.includes('grid_worker');
  // Admins may look at one grid or all; a grid worker always looks at one of theirs.
  // The API does not promise an order of grids: list them by id (g1, g2, …).
  const grids = (
    isAdmin ? community.grids : isGridWorker ? community.grids.filter((g) => membership.gridIds.includes(g.gridId)) : []
  )
    .slice()
    .sort((a, b) => a.gridId.localeCompare(b.gridId, 'en', { numeric: true }));
  const [gridId, setGridId] = useState(
    initialGrid && grids.some((g) => g.gridId === initialGrid)
      ? initialGrid
      : isAdmin
        ? ALL
        : (grids[0]?.gridId ?? ALL),
  );
  const [status, setStatus] = useState<StatusFilter>('open');
  const [category, setCategory] = useState(ALL);
  const [overdue, setOverdue] = useState(false);
  const desktop = useDesktop();

  const filter: FeedbackQueueFilter = {
    status,
    category: category || undefined,
    gridId: gridId || undefined,
    overdue: overdue ? 'true' : undefined,
  };
  // Coming back from a report that was acted on shows the queue as it is now.
  const queue = usePaged(
    JSON.stringify([communityId, filter]),
    (cursor) => api.feedbackQueue(communityId, filter, cursor),
    { reloadOnShow: true },
  );

  const gridChoices: Choice<string>[] = [
    ...(isAdmin ? [{ value: ALL, label: '全部网格' }] : []),
    ...grids.map((g) => ({ value: g.gridId, label: g.name })),
  ];
  const categories: Choice<string>[] = [
    { value: ALL, label: '全部类别' },
    ...community.settings.feedback.categories.map((c) => ({ value: c.category, label: c.label })),
  ];
  const scope = isAdmin ? '全社区' : isGridWorker ? '您负责的网格' : '派给物业的';

  return (
    <>
      <View className="queue__head">
        <Text className="queue__community">{community.name}</Text>
        <Text className="queue__scope">正在看：{scope}</Text>
      </View>

      {(isGridWorker || isAdmin) && (
        <Button
          block
          type="primary"
          fill="outline"
          className="queue__offline"
          onClick={() => go(withQuery(PAGES.feedbackOffline, { communityId }))}
        >
          代居民登记（纸条、热线、走访）
        </Button>
      )}

      <Section title="筛选">
        {gridChoices.length > 1 && (
          <>
            <Text className="queue__label">网格</Text>
            <ChoiceChips scroll className="queue__grids" choices={gridChoices} value={gridId} onChange={setGridId} />
          </>
        )}
        <Text className="queue__label">状态</Text>
        <ChoiceChips scroll className="queue__statuses" choices={STATUS_CHOICES} value={status} onChange={setStatus} />
        <Text className="queue__label">类别</Text>
        <ChoiceChips
          scroll
          className="queue__categories"
          choices={categories}
          value={category}
          onChange={setCategory}
        />
        <Text className="queue__label">时限</Text>
        <ChoiceChips
          className="queue__overdue"
          choices={[
            { value: 0, label: '全部' },
            { value: 1, label: '只看已超时' },
          ]}
          value={overdue ? 1 : 0}
          onChange={(v) => setOverdue(v === 1)}
        />
      </Section>

      {desktop ? (
        <QueueTable queue={queue} communityId={communityId} />
      ) : (
        <Section title="反映" note="超时的会标出“已超时”">
          {queue.items.map((report) => (
            <ReportCard
              key={report.reportId}
              report={report}
              forStaff
              onOpen={() => go(reportUrl(communityId, report.reportId))}
            />
          ))}
          {!queue.loading && !queue.error && queue.items.length === 0 && (
            <Text className="para">没有符合条件的反映。</Text>
          )}
          <LoadState loading={queue.loading} error={queue.error} onRetry={() => void queue.reload()} />
          {queue.cursor && !queue.loading && (
            <Button block fill="outline" onClick={() => void queue.more()}>
              加载更多
            </Button>
          )}
        </Section>
      )}
    </>
  );
}

/**
 * The desktop queue: a table that sorts by any header, a search over what is loaded, and 受理 for
 * several reports at once (one confirmation; each report its own request and Idempotency-Key).
 */
function QueueTable({ queue, communityId }: { queue: PagedState<FeedbackReport>; communityId: string }) {
  const table = useBulkTable<FeedbackReport>({
    items: queue.items,
    idOf: (r) => r.reportId,
    searchIn: (r) => [
      r.categoryLabel,
      r.description,
      r.location.address,
      r.reporterName,
      r.assignee?.name,
      r.statusLabel,
    ],
    applies: canAccept,
    verb: '受理',
    confirm: (count) => ({
      title: `受理 ${count} 条反映？`,
      content: '每条按其类别默认的紧急程度受理，受理后开始按服务时限计时。',
    }),
    send: async (r, key) => {
      const detail = await api.actOnFeedback(communityId, r.reportId, { action: 'accept' }, key);
      queue.replace(detail.report, (a, b) => a.reportId === b.reportId);
    },
  });
  const { rows, chosen, bulk } = table;

  return (
    <Section title="反映" note="点表头排序；勾选待受理的反映可一次受理多条">
      <ListSearch
        loaded={queue.items.length}
        shown={rows.length}
        value={table.search}
        onChange={table.setSearch}
        fields="类别、描述、地点或姓名"
        more={!!queue.cursor}
      />
      <BulkBar
        count={chosen.length}
        verb="受理"
        progress={bulk.progress}
        onRun={() => void table.runChosen()}
        onClear={table.clear}
        failures={bulk.failures}
        describe={(r) => `${r.categoryLabel} · ${r.location.address}`}
      />
      {rows.length > 0 && (
        <DataTable
          className="queue-table"
          rows={rows}
          columns={COLUMNS}
          rowKey={(r) => r.reportId}
          initialSort={{ key: 'createdAt', direction: 'desc' }}
          selection={{ selected: table.selected, selectable: canAccept, onChange: table.setSelected }}
          onOpen={(r) => go(reportUrl(communityId, r.reportId))}
        />
      )}
      {!queue.loading && !queue.error && rows.length === 0 && (
        <Text className="para">{queue.items.length ? '已加载的反映中没有符合搜索的。' : '没有符合条件的反映。'}</Text>
      )}
      <LoadState loading={queue.loading} error={queue.error} onRetry={() => void queue.reload()} />
      {queue.cursor && !queue.loading && (
        <Button block fill="outline" className="queue-table__more" onClick={() => void queue.more()}>
          加载更多
        </Button>
      )}
    </Section>
  );
}
