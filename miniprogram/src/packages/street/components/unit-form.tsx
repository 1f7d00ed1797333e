import type { Unit } from '@linli/shared';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { CommunityChecks } from '@/components/community-checks';
import { Field } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { Section } from '@/components/section';
import { useWrite } from '@/hooks/use-write';
import { streetUnits, type UnitInput } from '@/services/street';

const FIELDS = ['name', 'kind', 'communityIds'] as const;
const KINDS = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));

interface UnitFormProps {
  streetId: string;
  communities: readonly { communityId: string; name: string }[];
  /** The unit being changed; none for a new one. */
  unit?: Unit;
  onSaved: (unit: Unit) => void;
}

/** A unit's account: its name, kind and the communities it serves. A new one gets its id here, once, so a retry is the same unit. */
export function UnitForm({ streetId, communities, unit, onSaved }: UnitFormProps) {
  const [unitId] = useState(() => unit?.unitId ?? `u${Date.now().toString(36)}`);
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<UnitKind | undefined>(unit?.kind);
  const [chosen, setChosen] = useState<string[]>(unit?.communities.map((c) => c.communityId) ?? []);
  const saving = useWrite(async (body: UnitInput) => onSaved(await streetUnits.save(streetId, unitId, body)));
  const errors = saving.errorsFor(FIELDS);
  return (
    <Section title={unit ? `修改：${unit.name}` : '新增单位'} note="部门、公用事业单位、学校、医院或共建单位">
      <Field label="单位名称" value={name} onChange={setName} error={errors.name} name="unit-name" />
      <Text className="field__label">单位类型</Text>
      <ChoiceChips columns={3} choices={KINDS} value={kind} onChange={setKind} />
      <FieldError message={errors.kind} />
      <Text className="field__label">服务的社区</Text>
      <CommunityChecks communities={communities} chosen={chosen} onChosen={setChosen} />
      <FieldError message={errors.communityIds} />
      <FieldError message={errors.general} />
      <Button
        block
        type="primary"
        size="large"
        loading={saving.busy}
        onClick={() => void saving.run({ name, kind: kind as UnitKind, communityIds: chosen })}
      >
        保存
      </Button>
    </Section>
  );
}
