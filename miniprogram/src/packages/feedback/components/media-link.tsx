import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';

/**
 * A link an Open311 client sent with the report. It is never fetched into our
 * store: in the browser it opens in a new tab; in WeChat, where a page cannot
 * open another site, a tap copies it.
 */
export function MediaLink({ url }: { url: string }) {
  if (process.env.TARO_ENV === 'h5')
    return (
      <a className="report-summary__link" href={url} target="_blank" rel="noopener noreferrer nofollow">
        {url}
      </a>
    );
  const copy = async () => {
    await Taro.setClipboardData({ data: url });
    void Taro.showToast({ title: '链接已复制', icon: 'none' });
  };
  return (
    <Text className="report-summary__link" onClick={() => void copy()}>
      {`${url}（点按复制）`}
    </Text>
  );
}
