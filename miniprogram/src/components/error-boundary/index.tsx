import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Component, type ReactNode } from 'react';
import { PAGES } from '@/navigation';
import '@/components/load-state/index.scss';

interface State {
  failed: boolean;
}

/** A page that throws while rendering shows a way out instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: unknown): void {
    console.error('page render failed', error);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <View className="load-state">
        <Text className="load-state__text">页面出了点问题，请回到首页再试一次。</Text>
        <Button type="primary" onClick={() => void Taro.reLaunch({ url: PAGES.home })}>
          回到首页
        </Button>
      </View>
    );
  }
}
