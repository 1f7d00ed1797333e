import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';

const VIDEO_HOST = 'station-camera-scan';

/** Why the camera could not start, in words an operator can act on. */
function cameraProblem(error: unknown): string {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return '没有相机权限：请在浏览器设置里允许本网页使用相机，或直接输入数字';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return '这台设备找不到相机，请直接输入数字';
  if (name === 'NotReadableError') return '相机正被别的应用使用，请关掉它再试，或直接输入数字';
  return '相机打不开，请直接输入数字';
}

/**
 * ZXing, fetched on the first scan. The import sits inside the TARO_ENV test
 * itself, so the weapp build drops it (and ZXing) as dead code.
 */
async function loadDecoder() {
  if (process.env.TARO_ENV === 'h5') {
    const [browser, library] = await Promise.all([import('@zxing/browser'), import('@zxing/library')]);
    return {
      BrowserMultiFormatReader: browser.BrowserMultiFormatReader,
      BarcodeFormat: browser.BarcodeFormat,
      DecodeHintType: library.DecodeHintType,
    };
  }
  throw Object.assign(new Error('no camera scanner in this build'), { name: 'NotFoundError' });
}

/**
 * The browser's camera scanner (H5 only; WeChat has wx.scanCode): the back
 * camera's picture with ZXing reading QR codes and Code 128 barcodes from it.
 * The decoder is fetched on the first scan, so it weighs nothing until then,
 * and it is never part of the weapp build.
 */
export function CameraScan({ onResult, onClose }: { onResult: (text: string) => void; onClose: () => void }) {
  const [problem, setProblem] = useState<string>();
  const [ready, setReady] = useState(false);
  const report = useRef(onResult);
  report.current = onResult;

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    let done = false;
    let stop: (() => void) | undefined;
    let video: HTMLVideoElement | undefined;
    void (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia)
          throw Object.assign(new Error('no camera'), { name: 'NotFoundError' });
        const { BrowserMultiFormatReader, BarcodeFormat, DecodeHintType } = await loadDecoder();
        if (done) return;
        const hints = new Map<unknown, unknown>([
          [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]],
        ]);
        const reader = new BrowserMultiFormatReader(hints as never, { delayBetweenScanAttempts: 150 });
        video = document.createElement('video');
        video.setAttribute('playsinline', 'true');
        video.muted = true;
        video.className = 'camera-scan__picture';
        document.getElementById(VIDEO_HOST)?.appendChild(video);
        const controls = await reader.decodeFromConstraints(
          { video: { facingMode: 'environment' }, audio: false },
          video,
          (result) => {
            if (!result || done) return;
            done = true;
            stop?.();
            report.current(result.getText());
          },
        );
        stop = () => controls.stop();
        if (done) stop();
        else setReady(true);
      } catch (error) {
        if (!done) setProblem(cameraProblem(error));
      }
    })();
    return () => {
      done = true;
      stop?.();
      video?.remove();
    };
    // One camera session per opening of the scanner.
  }, []);

  return (
    <View className="camera-scan" aria-role="dialog">
      <Text className="camera-scan__title">对准居民手机上的二维码或条形码</Text>
      <View id={VIDEO_HOST} className="camera-scan__video" />
      {!ready && !problem && <Text className="camera-scan__note">正在打开相机…</Text>}
      {problem && <Text className="camera-scan__problem">{problem}</Text>}
      <Button block size="large" fill="outline" onClick={onClose}>
        关闭，改为输入数字
      </Button>
    </View>
  );
}
