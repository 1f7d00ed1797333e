import { Button } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Section } from '@/components/section';
import { useAsync } from '@/hooks/use-async';
import { api } from '@/services/api';
import { askForSubscriptions } from '@/services/subscriptions';
import './task-reminders.scss';

/**
 * WeChat lets the server send one reminder per "allow": this shows how many are left (asked again on
 * every show of the page) and asks for one more on each tap.
 */
export function TaskReminders() {
  const counts = useAsync('subscriptions', api.subscriptions);
  const [asking, setAsking] = useState(false);
  const loading = useRef(counts.loading);
  loading.current = counts.loading;
  // The first show comes with the first load; coming back to the page asks again.
  useDidShow(() => {
    if (!loading.current) void counts.reload();
  });

  async function ask() {
    if (asking) return;
    setAsking(true);
    // WeChat shows its dialog only inside the tap: nothing is awaited before this.
    const accepted = await askForSubscriptions(['feedback_task']);
    void Taro.showToast({ title: accepted.length ? '已增加一次派单提醒' : '没有开启提醒', icon: 'none' });
    await counts.reload();
    setAsking(false);
  }

  const left = counts.data?.remaining.feedback_task;
  return (
    <Section title="派单提醒" note="有问题派给您时，微信会提醒您">
      <Text className="reminders__count">
        {left !== undefined
          ? `还可收到 ${left} 次派单提醒`
          : counts.loading
            ? '正在查询提醒次数…'
            : '暂时查不到提醒次数'}
      </Text>
      <Text className="para">微信规定每次同意只能收到一次提醒：每点一次下面的按钮并选“允许”，就多收一次。</Text>
      <Button block type="primary" size="large" className="reminders__ask" loading={asking} onClick={() => void ask()}>
        接收派单提醒
      </Button>
    </Section>
  );
}
