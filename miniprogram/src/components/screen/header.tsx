import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PAGES } from '@/navigation';

interface PageConfig {
  navigationBarTitleText?: string;
}

/** Back where the person came from; a page opened by its address has no history, so home. */
function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: PAGES.home });
}

/**
 * H5 only: the title WeChat would draw in its navigation bar (the Taro H5 one is hidden), and on a
 * page that is not a tab page a ‹ 返回 control.
 */
export function ScreenHeader({ title, tabPage }: { title: string; tabPage: boolean }) {
  // The page's own config, read while the page is the one being loaded; `title` (what weapp shows) wins.
  const [configTitle] = useState(
    () => (Taro.getCurrentInstance().page as { config?: PageConfig } | null)?.config?.navigationBarTitleText,
  );
  return (
    <View className={`screen-header${tabPage ? ' screen-header--tab' : ''}`}>
      {!tabPage && (
        <View
          className="screen-header__back"
          aria-label="返回上一页"
          hoverClass="screen-header__back--pressed"
          onClick={goBack}
        >
          <Text className="screen-header__back-label">‹ 返回</Text>
        </View>
      )}
      <Text className="screen-header__title">{title || configTitle || '邻里'}</Text>
    </View>
  );
}
