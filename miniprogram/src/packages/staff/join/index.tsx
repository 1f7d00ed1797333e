import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '@/components/field';
import { FieldError } from '@/components/field-error';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { SignInPrompt } from '@/components/sign-in-prompt';
import { useMe } from '@/hooks/use-me';
import { useSession } from '@/hooks/use-session';
import { useWrite } from '@/hooks/use-write';
import { go, PAGES, withQuery } from '@/navigation';
import { streetUnits } from '@/services/street';

const TITLE = '加入单位';

/** A department's or co-building unit's staff member joins it with the code the street gave them. */
export default function JoinUnitPage() {
  const session = useSession();
  const { reload } = useMe();
  const [code, setCode] = useState('');
  const joining = useWrite(async (typed: string) => {
    const joined = await streetUnits.join(typed);
    await reload();
    go(withQuery(PAGES.unitQueue, { unitId: joined.unitId }));
  });
  const errors = joining.errorsFor(['code']);

  if (!session)
    return (
      <Screen title={TITLE}>
        <SignInPrompt reason="登录后可以用邀请码加入单位。" />
      </Screen>
    );
  return (
    <Screen title={TITLE}>
      <Section title="输入邀请码" note="街道发给本单位工作人员的 8 位邀请码，7 天内有效">
        <Field
          label="邀请码"
          value={code}
          onChange={setCode}
          error={errors.code}
          name="unit-code"
          placeholder="如 K7QM 2XPA"
        />
        <FieldError message={errors.general} />
        <Button block type="primary" size="large" loading={joining.busy} onClick={() => void joining.run(code)}>
          加入
        </Button>
        <Text className="para">加入后，在“我的 → 单位工作台”处理派给本单位的反映。</Text>
      </Section>
    </Screen>
  );
}
