import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CommunityGate } from '@/components/community-gate';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { useWrite } from '@/hooks/use-write';
import { revealFirstError } from '@/lib/field-errors';
import { formatMonth } from '@/lib/format';
import { pointsApi } from '@/services/points';
import './index.scss';

function Board({ communityId }: { communityId: string }) {
  const board = useAsync(communityId, () => pointsApi.leaderboard(communityId));
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const choice = useWrite(async (optIn: boolean) => {
    await pointsApi.setLeaderboard(communityId, optIn ? { optIn, displayName: name.trim() } : { optIn });
    await board.reload();
  });
  if (!board.data) return <LoadState loading={board.loading} error={board.error} onRetry={board.reload} />;
  const { items, me, month } = board.data;
  const errors = choice.errorsFor(['displayName'] as const);
  const busy = choice.busy;
  const setOptIn = (optIn: boolean) => {
    // Said here, at once and once: the server would say the same.
    if (optIn && !name.trim()) {
      setNameMissing(true);
      return revealFirstError();
    }
    void choice.run(optIn);
  };
  return (
    <>
      <Section title={`${formatMonth(month)}排行榜`} note="只显示自愿参加的居民，用昵称">
        {items.length === 0 && <Text className="para">本月还没有人上榜。</Text>}
        {items.map((item) => (
          <View key={item.rank} className={`row ${item.me ? 'board__me' : ''}`}>
            <Text className="row__label">
              第 {item.rank} 名 {item.displayName}
            </Text>
            <Text className="row__value">{item.points} 分</Text>
          </View>
        ))}
      </Section>
      {me && (
        <Section title="我的排名">
          {me.optIn ? (
            <>
              <Text className="para">
                昵称：{me.displayName}；{me.rank ? `第 ${me.rank} 名` : '暂未上榜'}，本月 {me.points} 分
              </Text>
              <Button block fill="outline" type="primary" loading={busy} onClick={() => setOptIn(false)}>
                不再参加排行榜
              </Button>
            </>
          ) : (
            <>
              <Text className="para">本月 {me.points} 分。参加排行榜只显示昵称，不显示真实姓名。</Text>
              <Input
                className="board__name"
                value={name}
                maxlength={10}
                placeholder="昵称（最多 10 个字）"
                onInput={(e) => {
                  setName(e.detail.value);
                  setNameMissing(false);
                }}
              />
              <FieldError message={nameMissing ? '请填写昵称' : errors.displayName} of={name} />
              <Button block type="primary" loading={busy} disabled={busy} onClick={() => setOptIn(true)}>
                参加排行榜
              </Button>
            </>
          )}
          <FieldError message={errors.general} />
        </Section>
      )}
    </>
  );
}

export default function LeaderboardPage() {
  return (
    <Screen title="积分排行榜">
      <CommunityGate reason="登录后可以看到社区的积分排行榜。">
        {(community) => <Board communityId={community.communityId} />}
      </CommunityGate>
    </Screen>
  );
}
