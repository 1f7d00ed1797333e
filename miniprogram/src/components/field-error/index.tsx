import { Text } from '@tarojs/components';
import { useRef } from 'react';
import './index.scss';

type FieldValue = string | number | boolean | null | undefined;

/**
 * An error about a value stays only until that value changes: the person is
 * fixing it, so a stale message ("积分码不完整" after a good code was pasted)
 * must not stay under the field. Changing it back to the refused value shows it again.
 */
export function useFreshError(message: string | undefined, value: FieldValue, watching = true): string | undefined {
  const seen = useRef({ message, value });
  if (seen.current.message !== message) seen.current = { message, value };
  return watching && !Object.is(seen.current.value, value) ? undefined : message;
}

interface FieldErrorProps {
  message: string | undefined;
  /** The value the message is about: once it changes, the message goes (see `useFreshError`). */
  of?: FieldValue;
}

/**
 * What is wrong with the field just above, in the person's words; nothing when all is well.
 * `revealFirstError` (lib/field-errors) scrolls to the first of these on the page.
 */
export function FieldError(props: FieldErrorProps) {
  const shown = useFreshError(props.message, props.of, 'of' in props);
  if (!shown) return null;
  return (
    <Text className="field-error" aria-role="alert">
      {shown}
    </Text>
  );
}
