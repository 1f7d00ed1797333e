import type { FeedbackReport } from '@linli/shared';
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './photo-strip.scss';

/** Photos of a report or a step; a tap opens them full screen. */
export function PhotoStrip({ photos, label }: { photos: FeedbackReport['photos']; label: string }) {
  if (photos.length === 0) return null;
  const urls = photos.map((p) => p.url);
  return (
    <View className="photo-strip">
      {photos.map((photo, i) => (
        <Image
          key={photo.key}
          className="photo-strip__image"
          src={photo.url}
          mode="aspectFill"
          aria-label={`${label}第 ${i + 1} 张，点击查看大图`}
          onClick={() => void Taro.previewImage({ urls, current: photo.url }).catch(() => undefined)}
        />
      ))}
    </View>
  );
}
