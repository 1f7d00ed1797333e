import type { CommunitySummary, RequestHouseholdBody } from '@linli/shared';
import { RELATION_LABELS, HOUSEHOLD_RELATIONS as RELATIONS, roomProblem } from '@linli/shared/rules';
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { HouseholdCard } from '@/components/household-card';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useCommunity } from '@/hooks/use-community';
import { refreshMe } from '@/hooks/use-me';
import { usePaged } from '@/hooks/use-paged';
import { useSession } from '@/hooks/use-session';
import { useWrite } from '@/hooks/use-write';
import { fieldErrors, revealFirstError } from '@/lib/field-errors';
import { go, PAGES } from '@/navigation';
import { type ApiError, api } from '@/services/api';
import './index.scss';

type Relation = RequestHouseholdBody['relation'];
type Step = 'community' | 'estate' | 'building' | 'unit' | 'room' | 'relation';
const STEPS: readonly Step[] = ['community', 'estate', 'building', 'unit', 'room', 'relation'];
/** The request's fields as the server names them, and the step that asks each. */
const STEP_OF_FIELD: Record<string, Step> = {
  estateId: 'estate',
  buildingId: 'building',
  unit: 'unit',
  room: 'room',
  relation: 'relation',
};

/**
 * Binding a home, one question at a time: community → estate → building →
 * unit → room → relation → confirm. Each answer stays visible and can be changed.
 */
export default function HouseholdPage() {
  const session = useSession();
  const communities = usePaged('communities', (cursor) => api.communities(cursor));
  const [summary, setSummary] = useState<CommunitySummary>();
  const community = useCommunity(summary?.communityId);
  const [estateId, setEstateId] = useState<string>();
  const [buildingId, setBuildingId] = useState<string>();
  const [unit, setUnit] = useState<number>();
  const [roomDraft, setRoomDraft] = useState('');
  const [room, setRoom] = useState<string>();
  const [relation, setRelation] = useState<Relation>();
  const [error, setError] = useState<ApiError>();
  // What is wrong with one step's answer, said at that step: checked on leaving it, or named by the server.
  const [stepError, setStepError] = useState<{ step: Step; message: string }>();
  const submission = useWrite(
    ({ communityId, body }: { communityId: string; body: RequestHouseholdBody }, key: string) =>
      api.requestHousehold(communityId, body, key).then((household) => {
        void refreshMe();
        return household;
      }),
    {
      onError: (refused) => {
        if (!backToRefusedStep(refused)) setError(refused);
      },
    },
  );
  const created = submission.result;

  if (!session)
    return (
      <Screen title="绑定房屋">
        <SignInPrompt reason="登录后才能申请绑定房屋。" />
      </Screen>
    );

  const estate = community.data?.estates.find((e) => e.estateId === estateId);
  const building = community.data?.buildings.find((b) => b.buildingId === buildingId);

  /** Changing an answer clears the ones that depend on it. */
  function reset(from: Step) {
    const at = STEPS.indexOf(from);
    if (at <= 0) setSummary(undefined);
    if (at <= 1) setEstateId(undefined);
    if (at <= 2) setBuildingId(undefined);
    if (at <= 3) setUnit(undefined);
    if (at <= 4) setRoom(undefined);
    if (at <= 5) setRelation(undefined);
    setError(undefined);
    setStepError(undefined);
  }

  /** The door number is checked as the person leaves its step, by the rule the server applies. */
  function leaveRoomStep() {
    const problem = roomProblem(roomDraft);
    if (problem) {
      setStepError({ step: 'room', message: problem });
      return revealFirstError();
    }
    setStepError(undefined);
    setRoom(roomDraft.trim().toUpperCase());
  }

  /** The server refused an answer: go back to the step that asks it, with the reason there. */
  function backToRefusedStep(refused: ApiError): boolean {
    const named: Partial<Record<string, string>> = fieldErrors(refused, Object.keys(STEP_OF_FIELD));
    const field = Object.keys(STEP_OF_FIELD).find((f) => named[f]);
    const step = field ? STEP_OF_FIELD[field] : undefined;
    const message = field ? named[field] : undefined;
    if (!step || !message) return false;
    reset(step);
    setStepError({ step, message });
    revealFirstError();
    return true;
  }
  const errorAt = (step: Step) => (stepError?.step === step ? stepError.message : undefined);

  function submit() {
    if (!summary || !estateId || !buildingId || !unit || !room || !relation) return;
    setError(undefined);
    // One key per intent: a retry of the same answers reuses it, a changed answer gets a new one.
    void submission.run({ communityId: summary.communityId, body: { estateId, buildingId, unit, room, relation } });
  }

  if (created)
    return (
      <Screen title="绑定房屋">
        <Section title="申请已提交" note="社区工作人员核实后会通过，结果会显示在“我的”页面。">
          <HouseholdCard household={created} />
          <Button block type="primary" onClick={() => go(PAGES.mine)}>
            回到“我的”
          </Button>
        </Section>
      </Screen>
    );

  const answered = (
    <CellGroup title="您的房屋">
      {summary && <Answer label="社区" value={summary.name} onChange={() => reset('community')} />}
      {estate && <Answer label="小区" value={estate.name} onChange={() => reset('estate')} />}
      {building && <Answer label="楼栋" value={building.name} onChange={() => reset('building')} />}
      {unit && <Answer label="单元" value={`${unit} 单元`} onChange={() => reset('unit')} />}
      {room && <Answer label="门牌号" value={room} onChange={() => reset('room')} />}
      {relation && <Answer label="与房屋的关系" value={RELATION_LABELS[relation]} onChange={() => reset('relation')} />}
    </CellGroup>
  );

  return (
    <Screen title="绑定房屋">
      <Text className="household__intro">请一步一步选择您住的地方，提交后由社区工作人员审核。</Text>
      {summary && answered}

      {!summary && (
        <Section title="第 1 步：选择社区">
          {communities.items.map((c) => (
            <Choice
              key={c.communityId}
              title={c.name}
              note={`${c.district} ${c.street}`}
              onChoose={() => setSummary(c)}
            />
          ))}
          <LoadState
            loading={communities.loading}
            error={communities.error}
            onRetry={() => void (communities.items.length ? communities.more() : communities.reload())}
          />
          {communities.cursor && !communities.loading && (
            <Button block fill="outline" onClick={() => void communities.more()}>
              加载更多社区
            </Button>
          )}
        </Section>
      )}

      {summary && !community.data && (
        <LoadState loading={community.loading} error={community.error} onRetry={community.reload} />
      )}

      {community.data && !estate && (
        <Section title="第 2 步：选择小区">
          <FieldError message={errorAt('estate')} />
          {community.data.estates.map((e) => (
            <Choice key={e.estateId} title={e.name} onChoose={() => setEstateId(e.estateId)} />
          ))}
        </Section>
      )}

      {community.data && estate && !building && (
        <Section title="第 3 步：选择楼栋">
          <FieldError message={errorAt('building')} />
          {community.data.buildings
            .filter((b) => b.estateId === estate.estateId)
            .map((b) => (
              <Choice key={b.buildingId} title={b.name} onChoose={() => setBuildingId(b.buildingId)} />
            ))}
        </Section>
      )}

      {building && !unit && (
        <Section title="第 4 步：选择单元">
          <FieldError message={errorAt('unit')} />
          <View className="household__units">
            {Array.from({ length: building.units }, (_, i) => i + 1).map((u) => (
              <Button key={u} className="household__unit" onClick={() => setUnit(u)}>
                {u} 单元
              </Button>
            ))}
          </View>
        </Section>
      )}

      {unit && !room && (
        <Section title="第 5 步：填写门牌号" note="例如 502、1203">
          <Input
            className={`household__room${errorAt('room') ? ' household__room--invalid' : ''}`}
            value={roomDraft}
            onChange={(v) => {
              setRoomDraft(v);
              setStepError(undefined);
            }}
            placeholder="门牌号"
            maxLength={8}
            clearable
          />
          <FieldError message={errorAt('room')} />
          <Button block type="primary" onClick={leaveRoomStep}>
            下一步
          </Button>
        </Section>
      )}

      {room && !relation && (
        <Section title="第 6 步：您与这套房屋的关系">
          <FieldError message={errorAt('relation')} />
          {RELATIONS.map((r) => (
            <Choice key={r} title={RELATION_LABELS[r]} onChoose={() => setRelation(r)} />
          ))}
        </Section>
      )}

      {relation && (
        <Section title="确认提交" note="请核对上面的信息，有误可以点“修改”。">
          <FieldError message={error?.message} />
          <Button block size="large" type="primary" loading={submission.busy} onClick={submit}>
            提交申请
          </Button>
        </Section>
      )}
    </Screen>
  );
}

function Answer({ label, value, onChange }: { label: string; value: string; onChange: () => void }) {
  return <Cell title={`${label}：${value}`} extra="修改" clickable onClick={onChange} />;
}

function Choice({ title, note, onChoose }: { title: string; note?: string; onChoose: () => void }) {
  return (
    <View className="choice" onClick={onChoose} hoverClass="choice--pressed">
      <Text className="choice__title">{title}</Text>
      {note && <Text className="choice__note">{note}</Text>}
    </View>
  );
}
