import type { StreetMembership } from '@linli/shared';
import { BULLETIN_STATUS_LABELS, type BulletinStatus } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Choice, ChoiceChips } from '@/components/choice-chips';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { usePaged } from '@/hooks/use-paged';
import { go, PAGES, withQuery } from '@/navigation';
import { streetBulletins } from '@/services/street';
import { BulletinSummary } from '../components/bulletin-summary';
import { StreetGate } from '../components/street-gate';
import './index.scss';

const STATUS_ORDER: BulletinStatus[] = ['submitted', 'draft', 'approved', 'published', 'withdrawn'];
const STATUS_CHOICES: Choice<BulletinStatus>[] = STATUS_ORDER.map((s) => ({
  value: s,
  label: BULLETIN_STATUS_LABELS[s],
}));

/** The street's bulletins by status: drafts, those waiting for a second street admin, published ones and their reads. */
export default function StreetBulletinsPage() {
  return (
    <Screen title="街道公告">
      <StreetGate>{(street) => <List street={street} />}</StreetGate>
    </Screen>
  );
}

function List({ street }: { street: StreetMembership }) {
  const { streetId } = street;
  const [status, setStatus] = useState<BulletinStatus>('submitted');
  const list = usePaged(`${streetId}:${status}`, (cursor) => streetBulletins.list(streetId, status, cursor), {
    reloadOnShow: true,
  });
  return (
    <View className="street-bulletins">
      <View className="street-bulletins__head">
        <Text className="street-bulletins__title">{`${street.streetName}公告`}</Text>
        <Text className="street-bulletins__note">
          发给全部社区或选定的社区；由另一位街道管理员审核通过后，居民在“公告”里看到
        </Text>
      </View>
      <Button block type="primary" onClick={() => go(withQuery(PAGES.streetBulletinEdit, { streetId }))}>
        写街道公告
      </Button>
      <ChoiceChips scroll choices={STATUS_CHOICES} value={status} onChange={setStatus} />

      {list.items.map((b) => (
        <View
          key={b.bulletinId}
          className="review__card street-bulletins__card"
          hoverClass="street-bulletins__card--pressed"
          aria-role="link"
          onClick={() => go(withQuery(PAGES.streetBulletin, { streetId, bulletinId: b.bulletinId }))}
        >
          <BulletinSummary b={b} />
        </View>
      ))}

      {!list.loading && !list.error && list.items.length === 0 && (
        <Text className="street-bulletins__empty">{`没有「${BULLETIN_STATUS_LABELS[status]}」的街道公告`}</Text>
      )}
      <LoadState loading={list.loading} error={list.error} onRetry={() => void list.reload()} />
      {list.cursor && !list.loading && (
        <Button block fill="outline" onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
    </View>
  );
}
