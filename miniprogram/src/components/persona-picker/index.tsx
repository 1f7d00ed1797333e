import type { Persona } from '@linli/shared';
import { ROLE_LABELS } from '@linli/shared/rules';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { LoadState } from '@/components/load-state';
import { useAsync } from '@/hooks/use-async';
import { api } from '@/services/api';

interface PersonaPickerProps {
  busy: string | null;
  onPick: (persona: Persona) => void;
}

/** Local demo only (LINLI_DEV_SIGNIN): choose who to be instead of a WeChat login. */
export function PersonaPicker({ busy, onPick }: PersonaPickerProps) {
  const personas = useAsync('personas', api.personas);
  return (
    <CellGroup title="演示身份" description="本地演示环境专用：选择一位演示居民或社区工作人员登录">
      <LoadState loading={personas.loading} error={personas.error} onRetry={personas.reload} />
      {personas.data?.map((p) => (
        <Cell
          key={p.persona}
          className="persona"
          data-persona={p.persona}
          clickable
          title={busy === p.persona ? `${p.name}（正在登录…）` : p.name}
          description={`${p.description}｜${p.roles.map((r) => ROLE_LABELS[r]).join('、') || '尚未加入社区'}`}
          extra="登录"
          onClick={() => onPick(p)}
        />
      ))}
    </CellGroup>
  );
}
