import type { StreetMembership } from '@linli/shared';
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { LoadState } from '@/components/load-state';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';

/** The street pages' door: `?streetId=` when the person is its street admin, else their first street. */
export function StreetGate({ children }: { children: (street: StreetMembership) => ReactNode }) {
  const { params } = useRouter();
  const session = useSession();
  const me = useMe();
  const streets = me.me?.streets.filter((s) => s.roles.includes('street_admin')) ?? [];
  const street = streets.find((s) => s.streetId === params.streetId) ?? streets[0];

  if (!session) return <SignInPrompt reason="登录后查看街道工作台。" />;
  if (!me.me) return <LoadState loading={me.loading} error={me.error} onRetry={me.reload} />;
  if (!street)
    return (
      <Section title="没有查看权限">
        <Text className="para">街道工作台只对街道管理员开放。</Text>
      </Section>
    );
  return <>{children(street)}</>;
}
