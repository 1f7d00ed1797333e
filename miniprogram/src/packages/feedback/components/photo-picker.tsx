import { Progress } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { FieldError } from '@/components/field-error';
import type { PhotoUploads } from '../hooks/use-photo-uploads';
import { MAX_PHOTOS } from '../lib/pick-photos';
import './photo-picker.scss';

interface PhotoPickerProps {
  uploads: PhotoUploads;
  /** What the server said about the photos (one photo refused, none given…). */
  error?: string;
  /** The photo the server named, marked on the grid. */
  badIndex?: number;
  addLabel?: string;
}

/** Up to nine photos: each with its upload progress, a way to remove it, and retry when it failed. */
export function PhotoPicker({ uploads, error, badIndex, addLabel = '添加照片' }: PhotoPickerProps) {
  const preview = (path: string) =>
    void Taro.previewImage({ urls: uploads.photos.map((p) => p.path), current: path }).catch(() => undefined);

  return (
    <View className="photo-picker">
      <View className="photo-picker__grid">
        {uploads.photos.map((photo, index) => (
          <View
            key={photo.id}
            className={`photo-picker__item${index === badIndex ? ' photo-picker__item--bad' : ''}`}
            data-state={photo.state}
          >
            <Image
              className="photo-picker__image"
              src={photo.path}
              mode="aspectFill"
              onClick={() => preview(photo.path)}
            />
            {photo.state === 'uploading' && (
              <View className="photo-picker__progress">
                <Progress percent={photo.progress} strokeWidth="8" color="#b71c1c" />
                <Text className="photo-picker__state">{`上传中 ${photo.progress}%`}</Text>
              </View>
            )}
            {photo.state === 'done' && <Text className="photo-picker__state photo-picker__state--done">已上传</Text>}
            {photo.state === 'failed' && (
              <Text className="photo-picker__state photo-picker__state--failed" onClick={() => uploads.retry(photo.id)}>
                上传失败，点此重试
              </Text>
            )}
            <View
              className="photo-picker__remove"
              aria-role="button"
              aria-label="删除这张照片"
              onClick={() => uploads.remove(photo.id)}
            >
              <Text className="photo-picker__remove-x">删除</Text>
            </View>
          </View>
        ))}
        {!uploads.full && (
          <View
            className="photo-picker__add"
            hoverClass="photo-picker__add--pressed"
            aria-role="button"
            onClick={() => void uploads.add()}
          >
            <Text className="photo-picker__plus">＋</Text>
            <Text className="photo-picker__add-label">{addLabel}</Text>
          </View>
        )}
      </View>
      <Text className="photo-picker__hint">{`已选 ${uploads.photos.length}/${MAX_PHOTOS} 张，照片会压缩后上传`}</Text>
      <FieldError message={uploads.problem ?? error} />
    </View>
  );
}
