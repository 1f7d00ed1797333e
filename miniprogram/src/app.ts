import { configure as configureIcons } from '@nutui/icons-react-taro';
import Taro, { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { PAGES } from '@/navigation';
import { onSessionExpired } from '@/services/api';
import { watchWechatPrivacy } from '@/services/privacy-prompt';
import './app.scss';

// NutUI draws its icons (the spinner in a busy button, …) as <i>, which a mini-program has no template
// for: there they would be invisible. A <view> with the same class and mask is drawn.
if (process.env.TARO_ENV === 'weapp') configureIcons({ tag: 'view' });

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    watchWechatPrivacy();
    onSessionExpired(() => void Taro.reLaunch({ url: `${PAGES.signIn}?expired=1` }));
  });

  // children: the page being shown
  return children;
}

export default App;
