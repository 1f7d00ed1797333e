import { Button } from '@nutui/nutui-react-taro';
import { CodeInput } from '@/components/points-code-input';
import { Section } from '@/components/section';

/** The first step at the counter: the resident's member code, scanned (WeChat) or pasted (browser). */
export function MemberCodeStep({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string;
}) {
  return (
    <Section title="1. 扫居民的积分码">
      <CodeInput label="积分码" value={value} onChange={onChange} error={error} className="member-code-input" />
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
