import { Text } from '@tarojs/components';
import './index.scss';

/** What is wrong with the field just above, in the person's words; nothing when all is well. */
export function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Text className="field-error" aria-role="alert">
      {message}
    </Text>
  );
}
