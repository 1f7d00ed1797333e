import { NavigationBar, PageMeta, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { ErrorBoundary } from '@/components/error-boundary';
import { PrivacyDialog } from '@/components/privacy-dialog';
import { SideNav } from '@/components/side-nav';
import { useDesktop } from '@/hooks/use-desktop';
import { rootFontSize, useLargeText } from '@/hooks/use-large-text';
import { isTabPage } from '@/navigation';
import { ScreenHeader } from './header';
import './index.scss';

interface ScreenProps {
  /** The navigation bar title (weapp's page-meta carries it; H5 shows it in the page's header). */
  title: string;
  children: ReactNode;
  /** The privacy policy page itself must stay readable while consent is pending. */
  privacyGate?: boolean;
}

/**
 * Every page's root. In weapp, `page-meta root-font-size="system"` makes 1rem
 * follow the WeChat font setting, which our text sizes are expressed in.
 * In H5 a header carries the title and the way back; from 1024 px wide the side
 * navigation replaces the tab bar and the page keeps to a readable width.
 */
export function Screen({ title, children, privacyGate = true }: ScreenProps) {
  // 大字 (set on 我的): a larger root font in weapp; in H5 a CSS variable the hook sets on the document.
  const large = useLargeText();
  if (process.env.TARO_ENV === 'h5')
    return (
      <BrowserScreen title={title} privacyGate={privacyGate}>
        {children}
      </BrowserScreen>
    );
  return (
    <>
      {process.env.TARO_ENV === 'weapp' && (
        <PageMeta rootFontSize={rootFontSize(large)}>
          <NavigationBar title={title} frontColor="#000000" backgroundColor="#ffffff" />
        </PageMeta>
      )}
      <View className={large ? 'screen screen--large' : 'screen'}>
        <ErrorBoundary>{children}</ErrorBoundary>
      </View>
      {privacyGate && <PrivacyDialog />}
    </>
  );
}

function BrowserScreen({ title, children, privacyGate = true }: ScreenProps) {
  const desktop = useDesktop();
  const { path } = useRouter();
  const page = path.split('?')[0] ?? path;
  const tabPage = isTabPage(page);
  const large = useLargeText();
  // One tree at every width: crossing the breakpoint adds the side navigation and keeps the page's state.
  return (
    <>
      <View className={desktop ? 'desk' : 'desk desk--phone'}>
        {desktop && <SideNav currentPath={page} />}
        <View className={large ? 'screen screen--large' : 'screen'}>
          <ScreenHeader title={title} tabPage={tabPage} />
          <ErrorBoundary>{children}</ErrorBoundary>
        </View>
      </View>
      {privacyGate && <PrivacyDialog />}
    </>
  );
}
