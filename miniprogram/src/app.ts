import Taro, { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { PAGES } from '@/navigation';
import { onSessionExpired } from '@/services/api';
import { watchWechatPrivacy } from '@/services/privacy-prompt';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    watchWechatPrivacy();
    onSessionExpired(() => void Taro.reLaunch({ url: `${PAGES.signIn}?expired=1` }));
  });

  // children: the page being shown
  return children;
}

export default App;
