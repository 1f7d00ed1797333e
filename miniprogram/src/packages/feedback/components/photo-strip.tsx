import type { FeedbackReport } from '@linli/shared';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './photo-strip.scss';

/**
 * Photos of a report or a step; a tap opens them full screen. A photo WeChat's
 * check judged risky reaches staff only, marked 已对居民隐藏.
 */
export function PhotoStrip({ photos, label }: { photos: FeedbackReport['photos']; label: string }) {
  if (photos.length === 0) return null;
  const urls = photos.map((p) => p.url);
  return (
    <View className="photo-strip">
      {photos.map((photo, i) => (
        <View key={photo.key} className={`photo-strip__item${photo.hidden ? ' photo-strip__item--hidden' : ''}`}>
          <Image
            className="photo-strip__image"
            src={photo.url}
            mode="aspectFill"
            aria-label={`${label}第 ${i + 1} 张${photo.hidden ? '（未通过内容安全检查，已对居民隐藏）' : ''}，点击查看大图`}
            onClick={() => void Taro.previewImage({ urls, current: photo.url }).catch(() => undefined)}
          />
          {photo.hidden ? <Text className="photo-strip__mark">已对居民隐藏</Text> : null}
        </View>
      ))}
    </View>
  );
}
