import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import { Section } from '@/components/section';
import { goSignIn } from '@/navigation';

/** What a signed-out person sees where personal content would be. */
export function SignInPrompt({ reason }: { reason: string }) {
  return (
    <Section title="请先登录">
      <Text className="para">{reason}</Text>
      <Button type="primary" block size="large" onClick={goSignIn}>
        去登录
      </Button>
    </Section>
  );
}
