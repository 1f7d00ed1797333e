import { Image, Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './index.scss';

/** A QR code drawn in JS as a GIF data URL: no canvas, the same in weapp and H5. */
export function PointsQr({ value, label }: { value: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(value);
    qr.make();
    return qr.createDataURL(6, 4);
  }, [value]);
  return (
    <View className="points-qr">
      <Image className="points-qr__image" src={src} mode="scaleToFill" aria-label={label} />
    </View>
  );
}

/** The code as text, for the browser (copy and paste) and for reading out when a scanner fails. */
export function CodeText({ value }: { value: string }) {
  return (
    <Text className="points-qr__text" userSelect selectable>
      {value}
    </Text>
  );
}
