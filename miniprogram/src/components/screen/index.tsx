import { NavigationBar, PageMeta, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ErrorBoundary } from '@/components/error-boundary';
import { PrivacyDialog } from '@/components/privacy-dialog';
import './index.scss';

interface ScreenProps {
  /** The navigation bar title (weapp's page-meta carries it; H5 reads the page config). */
  title: string;
  children: ReactNode;
  /** The privacy policy page itself must stay readable while consent is pending. */
  privacyGate?: boolean;
}

/**
 * Every page's root. In weapp, `page-meta root-font-size="system"` makes 1rem
 * follow the WeChat font setting, which our text sizes are expressed in.
 */
export function Screen({ title, children, privacyGate = true }: ScreenProps) {
  return (
    <>
      {process.env.TARO_ENV === 'weapp' && (
        <PageMeta rootFontSize="system">
          <NavigationBar title={title} frontColor="#000000" backgroundColor="#ffffff" />
        </PageMeta>
      )}
      <View className="screen">
        <ErrorBoundary>{children}</ErrorBoundary>
      </View>
      {privacyGate && <PrivacyDialog />}
    </>
  );
}
