import { formatWeight, gramsFromKilograms, pointsForWeighIn, WEIGH_IN_MAX_LINE_GRAMS } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { useWrite } from '@/hooks/use-write';
import { fieldErrors } from '@/lib/field-errors';
import { formatGrams } from '@/lib/format';
import { pointsApi, type StationHome } from '@/services/points';

type CreditBody = Parameters<typeof pointsApi.credit>[1];
type CreditRequestBody = Parameters<typeof pointsApi.requestCredit>[1];

import { codeReady } from '../lib/code-entry';
import { CreditRequestWait } from '../lib/credit-request-wait';
import { NO_SORT_FLAG, SortFlagNoted, SortFlagPicker, sortFlagBody } from '../lib/sort-flag';
import { type StationContext, StationGate } from '../lib/station-gate';
import { MemberCodeStep, NextResidentButton } from '../lib/steps';
import './index.scss';

interface Line {
  /** Stable across removals, for React. */
  id: number;
  material: string;
  /** As typed, in kilograms. */
  kg: string;
}

/** A line as typed: blank (left out), exact grams, or what is wrong with it (said under the field as one types). */
const weighedLine = (line: Line) => (line.kg.trim() === '' ? null : gramsFromKilograms(line.kg));
let nextLineId = 0;
const newLine = (material: string): Line => ({ id: ++nextLineId, material, kg: '' });

function CreditForm({ community, stationId }: StationContext) {
  const rules = community.settings.pointsRules;
  const first = rules.materials[0]?.material ?? '';
  const [memberCode, setMemberCode] = useState('');
  const [lines, setLines] = useState<Line[]>(() => [newLine(first)]);
  const [sortFlag, setSortFlag] = useState(NO_SORT_FLAG);
  const action = useWrite((body: CreditBody, key: string) => pointsApi.credit(community.communityId, body, key));
  // No code to be had: the home found by building and room, and the resident confirms on their phone.
  const [home, setHome] = useState<StationHome>();
  const ask = useWrite((body: CreditRequestBody, key: string) =>
    pointsApi.requestCredit(community.communityId, body, key),
  );
  const { result } = action;
  const busy = action.busy || ask.busy;
  const error = action.error ?? ask.error;

  const typed = lines.map((line) => ({ line, weight: weighedLine(line) }));
  // Only lines with a good weight are sent (and previewed); a wrong one keeps 确认记分 off until it is put right.
  const filled = typed.flatMap(({ line, weight }) => (weight && 'grams' in weight ? [line] : []));
  const weighed = typed.flatMap(({ line, weight }) =>
    weight && 'grams' in weight ? [{ material: line.material, grams: weight.grams }] : [],
  );
  const wrong = typed.some(({ weight }) => weight && 'error' in weight);
  const preview = pointsForWeighIn(rules, weighed);
  const errors = fieldErrors(error, ['memberCode', 'lines', 'sortFlag'] as const);
  // The page's own check first (live, as typed), then what the server said of the line as it was sent.
  const lineError = (i: number) => {
    const at = typed[i];
    if (!at) return undefined;
    if (at.weight && 'error' in at.weight) return at.weight.error;
    const sent = filled.indexOf(at.line);
    if (sent < 0) return undefined;
    return error?.fields.find((f) => f.field.replace(/^body\./, '').startsWith(`lines.${sent}`))?.message;
  };

  const setLine = (i: number, line: Partial<Line>) =>
    setLines((prev) => prev.map((l, j) => (j === i ? { ...l, ...line } : l)));

  const flag = sortFlagBody(sortFlag);
  const confirm = (code = memberCode) =>
    home
      ? ask.run({ householdId: home.householdId, stationId, lines: weighed, sortFlag: flag })
      : action.run({ memberCode: code, stationId, lines: weighed, sortFlag: flag });
  const startOver = () => {
    setLines([newLine(first)]);
    setSortFlag(NO_SORT_FLAG);
  };

  if (ask.result)
    return (
      <CreditRequestWait
        communityId={community.communityId}
        request={ask.result}
        onNext={() => {
          ask.reset();
          setHome(undefined);
          startOver();
        }}
      />
    );

  if (result)
    return (
      <Section title={result.status === 'held' ? '已提交审核' : '记分成功'}>
        <View className="credit-result">
          <Text className="credit-result__name">居民：{result.resident.maskedName}</Text>
          {result.lines.map((l) => (
            <Text key={`${l.material}-${l.grams}`} className="para credit-result__line">
              {l.label} {formatWeight(l.grams)} · {l.points} 分{l.outlier ? '（超出单次上限，待审核）' : ''}
            </Text>
          ))}
          {result.status === 'held' ? (
            <Text className="para credit-result__warn">有一项超出单次称重上限，本次未记分，由社区管理员审核。</Text>
          ) : (
            <Text className="credit-result__points">本次记 {result.points} 分</Text>
          )}
          {result.capped && <Text className="para credit-result__warn">已达每日上限，只记到上限为止。</Text>}
          {result.sortFlag && <SortFlagNoted labels={result.sortFlag.labels} />}
          <Text className="credit-result__balance">现有积分：{result.balance} 分</Text>
        </View>
        <NextResidentButton
          onClick={() => {
            action.reset();
            setMemberCode('');
            startOver();
          }}
        />
      </Section>
    );

  return (
    <>
      <MemberCodeStep
        value={memberCode}
        onChange={setMemberCode}
        // Weighed first, then scanned: the fresh code goes at once, like a payment code at a till.
        onScanned={(code) => {
          if (weighed.length > 0 && !wrong) void confirm(code);
        }}
        error={errors.memberCode}
        finder={{
          community,
          home,
          onHome: (next) => {
            setHome(next);
            ask.reset();
          },
        }}
      />
      <Section
        title="2. 称重"
        note={`按公斤填写，精确到克（如 1.75）。一项超过 ${formatGrams(rules.maxLineGrams)} 交管理员审核，最多 ${formatGrams(WEIGH_IN_MAX_LINE_GRAMS)}`}
      >
        {lines.map((line, i) => (
          <View key={line.id} className="weigh-line">
            <ChoiceChips
              choices={rules.materials.map((m) => ({
                value: m.material,
                label: m.label,
                note: `${m.pointsPerKg} 分/公斤`,
              }))}
              value={line.material}
              onChange={(material) => setLine(i, { material })}
              columns={3}
            />
            <View className="weigh-line__row">
              <Input
                className="weigh-line__kg"
                type="digit"
                value={line.kg}
                placeholder="重量"
                onInput={(e) => setLine(i, { kg: e.detail.value })}
              />
              <Text className="weigh-line__unit">公斤</Text>
              {lines.length > 1 && (
                <Button fill="outline" onClick={() => setLines((prev) => prev.filter((_, j) => j !== i))}>
                  删除
                </Button>
              )}
            </View>
            <FieldError message={lineError(i)} />
          </View>
        ))}
        {lines.length < 10 && (
          <Button block fill="outline" type="primary" onClick={() => setLines((p) => [...p, newLine(first)])}>
            再加一项
          </Button>
        )}
        <FieldError message={errors.lines} />
      </Section>
      <SortFlagPicker value={sortFlag} onChange={setSortFlag} error={errors.sortFlag} />
      <Section title="3. 确认">
        {preview.lines.map((l, i) => (
          <View key={filled[i]?.id} className="row">
            <Text className="row__label">
              {l.label} {formatWeight(l.grams)}
            </Text>
            <Text className="row__value">{l.outlier ? '超出上限' : `${l.points} 分`}</Text>
          </View>
        ))}
        <Text className="credit-preview" id="credit-preview">
          按规则可得 {preview.points} 分
        </Text>
        {preview.outliers > 0 && (
          <Text className="para credit-result__warn">有超出上限的一项，提交后交管理员审核。</Text>
        )}
        <Text className="para">每人每天最多 {rules.dailyCapPoints} 分，超出部分不记。</Text>
        {flag && <Text className="para">将记录分类不合格（积分照常记入）。</Text>}
        <FieldError message={errors.general} />
        <Button
          block
          type="primary"
          size="large"
          loading={busy}
          disabled={busy || !(home || codeReady('member', memberCode)) || weighed.length === 0 || wrong}
          onClick={() => void confirm()}
        >
          {home ? '发给居民确认' : '确认记分'}
        </Button>
      </Section>
    </>
  );
}

export default function StationCreditPage() {
  return (
    <Screen title="称重记积分">
      <StationGate>{(station) => <CreditForm {...station} />}</StationGate>
    </Screen>
  );
}
