import type { Community } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { Field, toInt } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StaffGate } from '@/components/staff-gate';
import { rememberSettings } from '@/hooks/use-community';
import { useWrite } from '@/hooks/use-write';
import { fieldErrors } from '@/lib/field-errors';
import { type ApiError, api, type Settings, type SettingsChange } from '@/services/api';
import { FeedbackForm } from './feedback-form';
import { FollowUpForm } from './follow-up-form';
import './index.scss';

const TITLE = '社区设置';
type Part = 'sla' | 'exchangeDay' | 'pointsRules' | 'feedback' | 'followUp';

/** The community's service deadlines, exchange day, points rules, report categories and confirmation window, each part saved on its own. */
export default function CommunitySettingsPage() {
  return (
    <Screen title={TITLE}>
      <StaffGate
        roles={['admin']}
        signInReason="请以社区管理员身份登录后修改设置。"
        deniedText="社区设置只对社区管理员开放。"
      >
        {({ community }) => <SettingsForms community={community} />}
      </StaffGate>
    </Screen>
  );
}

function SettingsForms({ community }: { community: Community }) {
  const [settings, setSettings] = useState<Settings>(community.settings);
  /** Saves one section at the version it was read; on success every page of this session sees the change. */
  const save = useWrite(async ({ change }: { section: Part; change: Omit<SettingsChange, 'version'> }) => {
    const next = await api.updateSettings(community.communityId, { version: settings.version, ...change });
    setSettings(next);
    rememberSettings(community.communityId, next);
    void Taro.showToast({ title: '已保存', icon: 'success' });
  });
  const about = (section: Part) => save.last?.section === section;
  const props = (section: Part) => ({
    key: `${section}:${settings.version}`,
    settings,
    busy: save.busy && about(section),
    error: about(section) ? save.error : undefined,
    onSave: (change: Omit<SettingsChange, 'version'>) => void save.run({ section, change }),
  });

  return (
    <>
      <View className="settings__head">
        <Text className="settings__title">{community.name}</Text>
        <Text className="settings__note">{`第 ${settings.version} 版设置；每一部分单独保存`}</Text>
      </View>
      <SlaForm {...props('sla')} />
      <ExchangeDayForm {...props('exchangeDay')} />
      <PointsRulesForm {...props('pointsRules')} />
      <FeedbackForm {...props('feedback')} />
      <FollowUpForm {...props('followUp')} />
    </>
  );
}

interface FormProps {
  settings: Settings;
  busy: boolean;
  error: ApiError | undefined;
  onSave: (change: Omit<SettingsChange, 'version'>) => void;
}

function SaveButton({ busy, label, onClick }: { busy: boolean; label: string; onClick: () => void }) {
  return (
    <Button block type="primary" loading={busy} disabled={busy} onClick={onClick}>
      {label}
    </Button>
  );
}

/** A number typed as text; what is not a number goes to the server, which says what is wrong. */
const text = (n: number) => String(n);

/** The SLA's numbers: where each sits in the policy (its error path too) and how it is asked. */
const SLA_FIELDS = [
  { path: 'sla.acceptMinutes.urgent', label: '紧急：受理（分钟）' },
  { path: 'sla.acceptMinutes.routine', label: '一般：受理（分钟）' },
  { path: 'sla.acceptMinutes.complex', label: '复杂：受理（分钟）' },
  { path: 'sla.urgentOnSiteMinutes', label: '紧急：到场（分钟）' },
  { path: 'sla.routineFixMinutes', label: '一般：解决（分钟）' },
  { path: 'sla.complexPlanMinutes', label: '复杂：给出方案（分钟）' },
  { path: 'sla.repairDays.small', label: '小修（天）' },
  { path: 'sla.repairDays.medium', label: '中修（天）' },
  { path: 'sla.repairDays.major', label: '大修（天）' },
] as const;
type SlaPath = (typeof SLA_FIELDS)[number]['path'];
type Tree = { [key: string]: number | Tree };

/** The number a field's path (`sla.repairDays.small`) names in the policy. */
function valueAt(sla: Settings['sla'], path: SlaPath): number {
  const found = path
    .split('.')
    .slice(1)
    .reduce<number | Tree | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), sla as Tree);
  return typeof found === 'number' ? found : Number.NaN;
}

/** The policy the fields say, built by their paths: the table is the one list of deadline fields. */
function policyOf(values: Record<SlaPath, string>): Settings['sla'] {
  const tree: Tree = {};
  for (const { path } of SLA_FIELDS) {
    const keys = path.split('.').slice(1);
    const last = keys.pop() as string;
    let node = tree;
    for (const key of keys) {
      node[key] ??= {};
      node = node[key] as Tree;
    }
    node[last] = toInt(values[path]);
  }
  return tree as unknown as Settings['sla'];
}

function SlaForm({ settings, busy, error, onSave }: FormProps) {
  const { sla } = settings;
  const [v, setV] = useState(
    () => Object.fromEntries(SLA_FIELDS.map(({ path }) => [path, text(valueAt(sla, path))])) as Record<SlaPath, string>,
  );
  const e = fieldErrors(
    error,
    SLA_FIELDS.map((f) => f.path),
  );
  return (
    <Section
      title="服务时限"
      note="“1715”：受理紧急 10 分钟、一般 2 小时、复杂 1 天；受理后紧急 10 分钟到场，一般 1 小时解决，复杂 1 天给方案；小修 1 天、中修 7 天、大修 15 天（受理次日算第 1 天，到当天 24:00）"
    >
      {SLA_FIELDS.map(({ path, label }) => (
        <Field
          key={path}
          label={label}
          value={v[path]}
          onChange={(value) => setV((old) => ({ ...old, [path]: value }))}
          error={e[path]}
          type="number"
        />
      ))}
      <FieldError message={e.general} />
      <SaveButton busy={busy} label="保存服务时限" onClick={() => onSave({ sla: policyOf(v) })} />
    </Section>
  );
}

function ExchangeDayForm({ settings, busy, error, onSave }: FormProps) {
  const day = settings.exchangeDay;
  const [mode, setMode] = useState(day.mode);
  const [dayOfMonth, setDayOfMonth] = useState(text(day.dayOfMonth));
  const [opensAt, setOpensAt] = useState(day.opensAt);
  const [closesAt, setClosesAt] = useState(day.closesAt);
  const e = fieldErrors(error, [
    'exchangeDay.mode',
    'exchangeDay.dayOfMonth',
    'exchangeDay.opensAt',
    'exchangeDay.closesAt',
  ] as const);
  return (
    <Section title="积分兑换日" note="北京时间；每月一天（如 6 号），或每天开放">
      <ChoiceChips
        choices={[
          { value: 'monthly', label: '每月一天' },
          { value: 'daily', label: '每天' },
        ]}
        value={mode}
        onChange={setMode}
      />
      <FieldError message={e['exchangeDay.mode']} />
      {mode === 'monthly' && (
        <Field
          label="每月几号（1–28）"
          value={dayOfMonth}
          onChange={setDayOfMonth}
          error={e['exchangeDay.dayOfMonth']}
          type="number"
        />
      )}
      <Field label="开始时间（如 08:30）" value={opensAt} onChange={setOpensAt} error={e['exchangeDay.opensAt']} />
      <Field
        label="结束时间（如 16:30，最晚 24:00）"
        value={closesAt}
        onChange={setClosesAt}
        error={e['exchangeDay.closesAt']}
      />
      <FieldError message={e.general} />
      <SaveButton
        busy={busy}
        label="保存兑换日"
        onClick={() =>
          onSave({
            exchangeDay: { mode, dayOfMonth: toInt(dayOfMonth), opensAt: opensAt.trim(), closesAt: closesAt.trim() },
          })
        }
      />
    </Section>
  );
}

const ROUNDING = [
  { value: 'floor', label: '向下取整' },
  { value: 'round', label: '四舍五入' },
  { value: 'ceil', label: '向上取整' },
] as const;
const EXPIRY = [
  { value: 'never', label: '不过期' },
  { value: 'end_of_next_year', label: '次年年底过期' },
] as const;

function PointsRulesForm({ settings, busy, error, onSave }: FormProps) {
  const rules = settings.pointsRules;
  const [perKg, setPerKg] = useState(rules.materials.map((m) => text(m.pointsPerKg)));
  const [rounding, setRounding] = useState(rules.rounding);
  const [maxLineGrams, setMaxLineGrams] = useState(text(rules.maxLineGrams));
  const [dailyCap, setDailyCap] = useState(text(rules.dailyCapPoints));
  const [expiry, setExpiry] = useState(rules.expiry);
  const e = fieldErrors(error, [
    'pointsRules.materials',
    'pointsRules.rounding',
    'pointsRules.maxLineGrams',
    'pointsRules.dailyCapPoints',
    'pointsRules.expiry',
  ] as const);
  const materialError = (i: number) =>
    error?.fields.find((f) => f.field.startsWith(`body.pointsRules.materials.${i}.`))?.message;
  return (
    <Section title="积分规则" note="每公斤得分、单项称重上限和每人每天上限">
      {rules.materials.map((m, i) => (
        <Field
          key={m.material}
          label={`${m.label}（分/公斤）`}
          value={perKg[i] ?? ''}
          onChange={(value) => setPerKg((old) => old.map((x, j) => (j === i ? value : x)))}
          error={materialError(i)}
          type="number"
        />
      ))}
      <Text className="field__label">不足一分时</Text>
      <ChoiceChips choices={ROUNDING} value={rounding} onChange={setRounding} columns={3} />
      <FieldError message={e['pointsRules.rounding']} />
      <Field
        label="单项最大重量（克，超出交管理员审核）"
        value={maxLineGrams}
        onChange={setMaxLineGrams}
        error={e['pointsRules.maxLineGrams']}
        type="number"
      />
      <Field
        label="每人每天最多得分"
        value={dailyCap}
        onChange={setDailyCap}
        error={e['pointsRules.dailyCapPoints']}
        type="number"
      />
      <Text className="field__label">积分有效期</Text>
      <ChoiceChips choices={EXPIRY} value={expiry} onChange={setExpiry} />
      <FieldError message={e['pointsRules.expiry'] ?? e.general} />
      <SaveButton
        busy={busy}
        label="保存积分规则"
        onClick={() =>
          onSave({
            pointsRules: {
              ...rules,
              materials: rules.materials.map((m, i) => ({ ...m, pointsPerKg: toInt(perKg[i] ?? '') })),
              rounding,
              maxLineGrams: toInt(maxLineGrams),
              dailyCapPoints: toInt(dailyCap),
              expiry,
            },
          })
        }
      />
    </Section>
  );
}
