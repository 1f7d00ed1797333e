import type { Community, Household } from '@linli/shared';
import { Button, Switch } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { LoadState } from '@/components/load-state';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useAsync } from '@/hooks/use-async';
import { useCommunity } from '@/hooks/use-community';
import { currentCommunityId, rolesIn, useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';
import { useWrite } from '@/hooks/use-write';
import { namesAField, revealFirstError } from '@/lib/field-errors';
import { parseScene, type Scene } from '@/lib/scene';
import { go, PAGES, reportUrl } from '@/navigation';
import { api } from '@/services/api';
import { askForSubscriptions } from '@/services/subscriptions';
import { ReportFields } from '../components/report-fields';
import { SimilarReports } from '../components/similar-reports';
import { REPORT_FIELDS, useReportDraft } from '../hooks/use-report-draft';
import { defaultLocation, locationFromHousehold, locationFromScene } from '../lib/location';
import './index.scss';

const TITLE = '我要反映';

/** A resident reports a problem; opened from 意见箱, or by scanning a building's or station's code (`scene`). */
export default function SubmitPage() {
  const { params } = useRouter();
  const session = useSession();
  const me = useMe();
  const communityId = params.communityId || currentCommunityId(me.me);
  const community = useCommunity(communityId);
  const scene = parseScene(params.scene);

  if (!session)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录并绑定房屋后，就可以在网上反映问题。" />
      </Screen>
    );
  if (!me.me)
    return (
      <Screen title={TITLE}>
        <LoadState loading={me.loading} error={me.error} onRetry={me.reload} />
      </Screen>
    );
  if (!communityId || !rolesIn(me.me, communityId).includes('resident'))
    return (
      <Screen title={TITLE}>
        <Section title="请先绑定房屋">
          <Text className="para">房屋绑定通过审核后，就可以在网上反映问题。也可以到服务站当面反映。</Text>
          <Button block type="primary" onClick={() => go(PAGES.household)}>
            绑定房屋
          </Button>
        </Section>
      </Screen>
    );
  if (!community.data)
    return (
      <Screen title={TITLE}>
        <LoadState loading={community.loading} error={community.error} onRetry={community.reload} />
      </Screen>
    );

  const household = me.me.memberships.find((m) => m.communityId === communityId)?.household;
  return (
    <Screen title={TITLE}>
      <SubmitForm community={community.data} household={household} scene={scene} />
    </Screen>
  );
}

function SubmitForm({
  community,
  household,
  scene,
}: {
  community: Community;
  household: Household | null | undefined;
  scene: Scene | null;
}) {
  const communityId = community.communityId;
  const fromScene = locationFromScene(community, scene);
  const fromHome = locationFromHousehold(community, household);
  const draft = useReportDraft(community, {
    location: fromScene ?? fromHome ?? defaultLocation(community),
    source: fromScene ? 'scene' : fromHome ? 'household' : 'none',
  });
  const session = useSession();
  const surname = [...(session?.user.nickname ?? '')][0] ?? '';
  const [anonymous, setAnonymous] = useState(false);
  // The same answers are the same intent: a double tap or a retry files one report.
  const submission = useWrite(
    async (fields: Parameters<typeof api.submitFeedback>[1], key: string) => {
      // WeChat asks for consent only inside the tap, so this comes before anything else is awaited.
      // Its answer (and its report to the server) never stops the report itself.
      await askForSubscriptions(['feedback_accepted', 'feedback_resolved', 'feedback_reply']);
      const report = await api.submitFeedback(communityId, fields, key);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      await Taro.redirectTo({ url: reportUrl(communityId, report.reportId) });
    },
    {
      onError: (error) => {
        draft.setServerError(error);
        if (namesAField(error, REPORT_FIELDS)) revealFirstError();
      },
    },
  );
  const joiner = useWrite(async (reportId: string, key: string) => {
    await api.actOnFeedback(communityId, reportId, { action: 'join' }, key);
    void Taro.showToast({ title: '已加入', icon: 'success' });
    await Taro.redirectTo({ url: reportUrl(communityId, reportId) });
  });
  const joining = joiner.busy ? joiner.last : undefined;
  const joinError = joiner.error && joiner.last ? { reportId: joiner.last, message: joiner.error.message } : undefined;

  const { buildingId } = draft.location;
  const similar = useAsync(buildingId && draft.category ? `${buildingId}:${draft.category}` : null, () =>
    api.similarFeedback(communityId, buildingId ?? '', draft.category ?? ''),
  );
  const similarOpen = similar.data?.items ?? [];

  function submit() {
    if (submission.busy) return;
    if (!draft.check()) return revealFirstError();
    void submission.run({ ...draft.body(), anonymous, channel: fromScene ? 'qrcode' : 'app' });
  }

  return (
    <>
      <Text className="submit__intro">说清楚什么问题、在哪里，{community.name}会尽快处理，进度会通知您。</Text>
      <ReportFields
        community={community}
        draft={draft}
        afterLocation={
          <SimilarReports
            reports={similarOpen}
            joining={joining}
            joinError={joinError}
            onJoin={(report) => void joiner.run(report.reportId)}
            onOpen={(report) => {
              if (report.isMine) go(reportUrl(communityId, report.reportId));
            }}
          />
        }
      />

      <Section title="对其他居民匿名" note="工作人员仍能看到您的姓名，方便联系您">
        <View className="submit__switch">
          <Text className="submit__switch-label">
            {anonymous ? '匿名：邻居只看到“匿名居民”' : `不匿名：邻居看到“${surname}**”`}
          </Text>
          <Switch checked={anonymous} onChange={setAnonymous} aria-label="对其他居民匿名" />
        </View>
      </Section>

      <Section title="提交" note="提交时微信会问您是否接收受理、办结和回复通知，建议选“允许”">
        <FieldError message={draft.errors.general} />
        <Button block size="large" type="primary" className="submit__button" loading={submission.busy} onClick={submit}>
          提交反映
        </Button>
      </Section>
    </>
  );
}
