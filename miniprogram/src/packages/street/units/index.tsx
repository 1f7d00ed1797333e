import type { Unit } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useAsync } from '@/hooks/use-async';
import { useSession } from '@/hooks/use-session';
import { streetBulletins, streetUnits } from '@/services/street';
import { UnitCard } from '../components/unit-card';
import { UnitForm } from '../components/unit-form';
import './index.scss';

const TITLE = '单位管理';

/**
 * 部门报到: the street's departments and co-building units: each one's account
 * and service area, a code for its staff to join it, and who works for it.
 */
export default function UnitsPage() {
  const { params } = useRouter();
  const session = useSession();
  const streetId = session ? params.streetId : undefined;
  const units = useAsync(streetId ? `units:${streetId}` : null, () => streetUnits.list(streetId ?? ''));
  const street = useAsync(streetId ? `audience:${streetId}` : null, () => streetBulletins.audience(streetId ?? ''));
  // The form: a new unit (null), one being changed, or closed (undefined).
  const [editing, setEditing] = useState<Unit | null>();

  if (!session || !streetId)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录后可以管理街道的部门和共建单位。" />
      </Screen>
    );
  const saved = async () => {
    setEditing(undefined);
    await units.reload();
  };
  return (
    <Screen title={TITLE}>
      {editing !== undefined && street.data ? (
        <UnitForm
          key={editing?.unitId ?? 'new'}
          streetId={streetId}
          communities={street.data.communities}
          unit={editing ?? undefined}
          onSaved={() => void saved()}
        />
      ) : (
        <Button block type="primary" size="large" onClick={() => setEditing(null)}>
          新增单位
        </Button>
      )}
      <Section title="本街道的单位" note="社区和街道可以把反映派给这些单位">
        <LoadState loading={units.loading} error={units.error} onRetry={() => void units.reload()} />
        {units.data?.length === 0 && <Text className="para">还没有单位。</Text>}
        {units.data?.map((u) => (
          <UnitCard key={u.unitId} streetId={streetId} unit={u} onEdit={() => setEditing(u)} />
        ))}
      </Section>
    </Screen>
  );
}
