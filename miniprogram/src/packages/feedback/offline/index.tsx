import type { Community } from '@linli/shared';
import { FEEDBACK_CHANNEL_LABELS } from '@linli/shared/rules';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '@/components/choice-chips';
import { FieldError } from '@/components/field-error';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { StaffGate } from '@/components/staff-gate';
import { useWrite } from '@/hooks/use-write';
import { namesAField, revealFirstError } from '@/lib/field-errors';
import { parseScene } from '@/lib/scene';
import { reportUrl } from '@/navigation';
import { api } from '@/services/api';
import { ReportFields } from '../components/report-fields';
import { REPORT_FIELDS, useReportDraft } from '../hooks/use-report-draft';
import { defaultLocation, locationFromScene } from '../lib/location';
import './index.scss';

const TITLE = '代居民登记';

type Channel = 'paper' | 'hotline' | 'visit';
const CHANNELS: Channel[] = ['paper', 'hotline', 'visit'];

/** Grid workers and admins enter a paper, hotline or visit report on a resident's behalf. */
export default function OfflineEntryPage() {
  const { params } = useRouter();
  return (
    <Screen title={TITLE}>
      <StaffGate
        roles={['grid_worker', 'admin']}
        signInReason="登录后可以代居民登记线下反映的问题。"
        deniedTitle="没有登记权限"
        deniedText="代居民登记由网格员和社区管理员办理。"
      >
        {({ community }) => <OfflineForm community={community} scene={params.scene} />}
      </StaffGate>
    </Screen>
  );
}

const OWN_FIELDS = ['channel', 'reporterName', 'reporterPhone'] as const;

function OfflineForm({ community, scene }: { community: Community; scene: string | undefined }) {
  const communityId = community.communityId;
  const fromScene = locationFromScene(community, parseScene(scene));
  const draft = useReportDraft(
    community,
    { location: fromScene ?? defaultLocation(community), source: fromScene ? 'scene' : 'none' },
    OWN_FIELDS,
  );
  const [channel, setChannel] = useState<Channel>();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [channelMissing, setChannelMissing] = useState(false);
  const entry = useWrite(
    async (body: Parameters<typeof api.enterOfflineFeedback>[1], key: string) => {
      const report = await api.enterOfflineFeedback(communityId, body, key);
      void Taro.showToast({ title: '已登记', icon: 'success' });
      await Taro.redirectTo({ url: reportUrl(communityId, report.reportId) });
    },
    {
      onError: (error) => {
        draft.setServerError(error);
        if (namesAField(error, [...REPORT_FIELDS, ...OWN_FIELDS])) revealFirstError();
      },
    },
  );
  const own = draft.errors;

  function submit() {
    if (entry.busy) return;
    const ready = draft.check();
    setChannelMissing(!channel);
    if (!ready || !channel) return revealFirstError();
    void entry.run({
      ...draft.body(),
      channel,
      reporterName: name.trim(),
      reporterPhone: phone.trim() || null,
    });
  }

  return (
    <>
      <Text className="offline__intro">把居民线下反映的问题登记进来，之后和网上反映的一样办理、计时。</Text>
      <Section title="从哪里收到的">
        <ChoiceChips
          columns={3}
          choices={CHANNELS.map((c) => ({ value: c, label: FEEDBACK_CHANNEL_LABELS[c] }))}
          value={channel}
          onChange={(c) => {
            setChannel(c);
            setChannelMissing(false);
          }}
        />
        <FieldError message={channelMissing ? '请选择来源' : own.channel} />
      </Section>

      <Section title="反映人" note="居民的称呼；电话选填，只有负责办理的工作人员能看到，可一键回电">
        <Input
          className="offline__input"
          value={name}
          onChange={(v) => {
            setName(v);
            draft.fixing('reporterName');
          }}
          placeholder="例如：李阿姨、5幢住户"
          maxLength={20}
        />
        <FieldError message={own.reporterName} />
        <Input
          className="offline__input"
          value={phone}
          onChange={(v) => {
            setPhone(v);
            draft.fixing('reporterPhone');
          }}
          type="number"
          placeholder="手机号（选填）"
          maxLength={11}
        />
        <FieldError message={own.reporterPhone} />
      </Section>

      <ReportFields community={community} draft={draft} />

      <Section title="提交">
        <FieldError message={own.general} />
        <Button block size="large" type="primary" loading={entry.busy} onClick={submit}>
          登记
        </Button>
      </Section>
    </>
  );
}
