import { groupCode } from '@linli/shared/rules';
import { Image, Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import { code128DataUrl } from './code128';
import './index.scss';

/** A QR code drawn in JS as a GIF data URL: no canvas, the same in weapp and H5. Digits use numeric mode (smaller). */
export function PointsQr({ value, label }: { value: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(value, /^\d+$/.test(value) ? 'Numeric' : 'Byte');
    qr.make();
    return qr.createDataURL(6, 4);
  }, [value]);
  return (
    <View className="points-qr">
      <Image className="points-qr__image" src={src} mode="scaleToFill" aria-label={label} />
    </View>
  );
}

/** A Code 128 barcode as an SVG data URL, for scanners that read bars better than squares. */
export function PointsBarcode({ value, label }: { value: string; label: string }) {
  const src = useMemo(() => code128DataUrl(value), [value]);
  return (
    <View className="points-qr points-qr--bars">
      <Image className="points-qr__bars" src={src} mode="scaleToFill" aria-label={`${label}条形码`} />
    </View>
  );
}

/** A 16-digit code in large digits, four at a time, to read aloud or type (`7221 8390 1142 7705`). */
export function CodeDigits({ value, label }: { value: string; label: string }) {
  return (
    <View className="points-qr__digits-box">
      <Text className="points-qr__digits-label">{label}数字</Text>
      <Text className="points-qr__digits" userSelect selectable aria-label={`${label} ${value.split('').join(' ')}`}>
        {groupCode(value)}
      </Text>
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
