import { CODE_LABELS, CODE_LENGTH, type CodeKind, codeProblem, groupCode, normalizeCode } from '@linli/shared/rules';
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { FieldError } from '@/components/field-error';
import { CameraScan } from './camera-scan';
import './code-entry.scss';

/** Only the digits of what was typed, pasted or scanned (spaces, dashes and full-width digits allowed). */
export const codeDigits = (text: string) => normalizeCode(text).replace(/\D/g, '').slice(0, CODE_LENGTH);

/** True when `digits` may be sent: 16 digits of the right kind with a good check digit. */
export const codeReady = (kind: CodeKind, digits: string) => codeProblem(kind, digits) === null;

interface CodeEntryProps {
  kind: CodeKind;
  /** The digits so far (shown grouped by four). */
  value: string;
  onChange: (digits: string) => void;
  /** A complete code from the camera: the page may send it at once. */
  onScanned?: (digits: string) => void;
  /** The server's word on the last code sent. */
  error?: string;
  /** A class for tests and styles, e.g. `member-code-input`. */
  className?: string;
}

/**
 * The resident's code, the way a cashier takes a payment code: 扫码 (the
 * camera: wx.scanCode in WeChat, ZXing in the browser) or the 16 digits
 * typed as the resident reads them out, grouped by four as they are typed.
 * A wrong check digit is said at once, before anything is sent.
 */
export function CodeEntry({ kind, value, onChange, onScanned, error, className = '' }: CodeEntryProps) {
  const [camera, setCamera] = useState(false);
  const [scanProblem, setScanProblem] = useState<string>();
  const label = CODE_LABELS[kind];

  const take = (text: string) => {
    const digits = codeDigits(text);
    onChange(digits);
    const problem = codeProblem(kind, digits);
    setScanProblem(problem ? `扫到的不是${label}：${problem}` : undefined);
    if (!problem) onScanned?.(digits);
  };
  const scan = async () => {
    setScanProblem(undefined);
    if (process.env.TARO_ENV !== 'weapp') return setCamera(true);
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] });
      take(res.result);
    } catch {
      // Cancelled: the field keeps what it had.
    }
  };
  // While typing, only what is already wrong is said (a kind digit, a full code with a bad check digit).
  const typing = codeProblem(kind, value, true);
  return (
    <View className="code-entry">
      <Button block type="primary" size="large" className="code-entry__scan" onClick={() => void scan()}>
        扫码
      </Button>
      <Text className="code-entry__or">{`扫不了时，输入居民念出的 ${CODE_LENGTH} 位数字`}</Text>
      <Input
        className={`code-entry__field ${className}`}
        type={process.env.TARO_ENV === 'weapp' ? 'number' : 'text'}
        nativeProps={{ inputMode: 'numeric', autoComplete: 'off', 'aria-label': `${label}数字` }}
        maxlength={40}
        value={groupCode(value)}
        placeholder="0000 0000 0000 0000"
        onInput={(e) => {
          setScanProblem(undefined);
          onChange(codeDigits(e.detail.value));
        }}
      />
      <FieldError message={scanProblem ?? typing ?? undefined} />
      <FieldError message={typing ? undefined : error} of={value} />
      {camera && (
        <CameraScan
          onResult={(text) => {
            setCamera(false);
            take(text);
          }}
          onClose={() => setCamera(false)}
        />
      )}
    </View>
  );
}
