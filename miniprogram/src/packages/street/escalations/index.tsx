import { formatSpan } from '@linli/shared/rules';
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { DeskReports } from '@/components/desk-reports';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { usePaged } from '@/hooks/use-paged';
import { useSession } from '@/hooks/use-session';
import { api } from '@/services/api';

const TITLE = '吹哨案件';

/**
 * 社区吹哨: the cases the street's communities escalated to the street office,
 * the longest waiting first, each with how long it has waited; the street
 * accepts and dispatches each to a department or co-building unit.
 */
export default function EscalationsPage() {
  const { params } = useRouter();
  const session = useSession();
  const streetId = session ? params.streetId : undefined;
  const list = usePaged(
    streetId ? `escalations:${streetId}` : null,
    (cursor) => api.streetEscalations(streetId ?? '', cursor),
    { reloadOnShow: true },
  );
  const now = Date.now();

  if (!session)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录后可以查看各社区吹哨上报的案件。" />
      </Screen>
    );
  return (
    <Screen title={TITLE}>
      <Section title="等待街道派单" note="各社区吹哨上报街道的案件，等得最久的在前">
        {streetId && (
          <DeskReports
            list={list}
            desk={{ streetId }}
            empty="现在没有等待街道派单的案件。"
            note={(r) =>
              r.streetEscalatedAt && (
                <Text className="para escalations__age">{`已上报街道 ${formatSpan(now - Date.parse(r.streetEscalatedAt))}`}</Text>
              )
            }
          />
        )}
      </Section>
    </Screen>
  );
}
