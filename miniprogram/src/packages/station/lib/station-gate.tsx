import type { Community } from '@linli/shared';
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { type ReactNode, useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { LoadState } from '@/components/load-state';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useCommunity } from '@/hooks/use-community';
import { useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';

export interface StationContext {
  community: Community;
  stationId: string;
  stationName: string;
}

/**
 * The operator's community and the station they work at now (GET /v1/me
 * stationIds, named from the community); a choice when they serve several.
 */
export function StationGate({ children }: { children: (station: StationContext) => ReactNode }) {
  const { params } = useRouter();
  const session = useSession();
  const me = useMe();
  const membership =
    me.me?.memberships.find((m) => m.communityId === params.communityId && m.roles.includes('station_operator')) ??
    me.me?.memberships.find((m) => m.roles.includes('station_operator'));
  const community = useCommunity(membership?.communityId);
  const [chosen, setChosen] = useState<string>();

  if (!session) return <SignInPrompt reason="服务站工作人员登录后才能使用。" />;
  if (!me.me) return <LoadState loading={me.loading} error={me.error} onRetry={me.reload} />;
  if (!membership || membership.stationIds.length === 0)
    return (
      <Section title="没有服务站权限">
        <Text className="para">这里只对服务站工作人员开放。如需开通，请联系社区管理员。</Text>
      </Section>
    );
  if (!community.data)
    return <LoadState loading={community.loading} error={community.error} onRetry={community.reload} />;

  const stations = membership.stationIds.map((id) => ({
    stationId: id,
    name: community.data?.stations.find((s) => s.stationId === id)?.name ?? id,
  }));
  const current = stations.find((s) => s.stationId === chosen) ?? stations[0];
  if (!current) return null;
  return (
    <>
      <Section title={current.name} note="当前服务站">
        {stations.length > 1 && (
          <ChoiceChips
            choices={stations.map((s) => ({ value: s.stationId, label: s.name }))}
            value={current.stationId}
            onChange={setChosen}
          />
        )}
      </Section>
      {children({ community: community.data, stationId: current.stationId, stationName: current.name })}
    </>
  );
}
