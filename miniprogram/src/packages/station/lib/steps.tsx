import type { Community } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { HomePicker } from '@/components/home-picker';
import { Section } from '@/components/section';
import { pointsApi, type StationHome } from '@/services/points';
import { CodeEntry } from './code-entry';
import './home-finder.scss';

/** The last resort of a weigh-in: the resident found by building and room, who then confirms on their phone. */
export interface HomeChoice {
  community: Community;
  home: StationHome | undefined;
  onHome: (home: StationHome | undefined) => void;
}

/**
 * The first step at the counter: the resident's member code, scanned or
 * typed as read out; for a weigh-in (`finder`) also by building and room.
 */
export function MemberCodeStep({
  value,
  onChange,
  onScanned,
  error,
  finder,
}: {
  value: string;
  onChange: (code: string) => void;
  onScanned?: (code: string) => void;
  error?: string;
  finder?: HomeChoice;
}) {
  const [byHome, setByHome] = useState(false);
  if (finder && (byHome || finder.home))
    return (
      <Section
        title="1. 按楼栋门牌找居民"
        note="称重后点“发给居民确认”，居民在自己手机的“积分码”页上确认（2 分钟内）才记分"
      >
        {/* The last resort: names are masked at the station. */}
        <HomePicker
          community={finder.community}
          load={(buildingId, cursor) => pointsApi.homes(finder.community.communityId, buildingId, cursor)}
          nameOf={(home) => home.maskedName}
          chosen={finder.home}
          onChoose={finder.onHome}
          changeLabel="换一户"
          block="home-finder"
        />
        <Button
          block
          fill="outline"
          onClick={() => {
            setByHome(false);
            finder.onHome(undefined);
          }}
        >
          改为扫码或输入数字
        </Button>
      </Section>
    );
  return (
    <Section title="1. 居民的积分码">
      <CodeEntry
        kind="member"
        value={value}
        onChange={onChange}
        onScanned={onScanned}
        error={error}
        className="member-code-input"
      />
      {finder && (
        <Button
          block
          fill="outline"
          onClick={() => {
            setByHome(true);
            onChange('');
          }}
        >
          没带手机或扫不了？按楼栋门牌找居民
        </Button>
      )}
    </Section>
  );
}

/** After a handover or a credit: clears the form for whoever is next in the queue. */
export function NextResidentButton({ onClick }: { onClick: () => void }) {
  return (
    <Button block type="primary" size="large" onClick={onClick}>
      下一位居民
    </Button>
  );
}
