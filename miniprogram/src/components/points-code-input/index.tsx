import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { FieldError } from '@/components/field-error';
import './index.scss';

interface CodeInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** A class for tests and styles, e.g. `member-code-input`. */
  className?: string;
}

/**
 * A code the operator takes from the resident's phone: the camera in WeChat
 * (wx.scanCode), typing or pasting in the browser, which has no scanner.
 */
export function CodeInput({ label, value, onChange, error, className }: CodeInputProps) {
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      onChange(res.result.trim());
    } catch {
      // Cancelled: the field keeps what it had.
    }
  };
  return (
    <View className="code-input">
      <Text className="code-input__label">{label}</Text>
      {process.env.TARO_ENV === 'weapp' && (
        <Button block type="primary" size="large" onClick={scan}>
          扫一扫
        </Button>
      )}
      <Textarea
        className={`code-input__field ${className ?? ''}`}
        value={value}
        maxlength={2000}
        placeholder={process.env.TARO_ENV === 'weapp' ? '或把码粘贴到这里' : '把码粘贴或输入到这里'}
        onInput={(e) => onChange(e.detail.value.trim())}
      />
      {/* A code pasted or scanned after a refusal is a new code: the old message goes with the old code. */}
      <FieldError message={error} of={value} />
    </View>
  );
}
