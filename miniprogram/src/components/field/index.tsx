import { Input, Text, View } from '@tarojs/components';
import { FieldError, useFreshError } from '@/components/field-error';
import './index.scss';

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: 'text' | 'number' | 'digit';
  placeholder?: string;
  name?: string;
}

/** A labelled input with its error under it; the error goes as soon as the value is changed. */
export function Field({ label, value, onChange, error, type = 'text', placeholder, name }: FieldProps) {
  const shown = useFreshError(error, value);
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <Input
        className={`field__input ${name ? `field--${name}` : ''}${shown ? ' field__input--invalid' : ''}`}
        type={type}
        value={value}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
      <FieldError message={shown} />
    </View>
  );
}

/** "12" → 12, "-5" → -5, "" or "abc" → NaN (the server says what is wrong). */
export const toInt = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));
