import { Button, Popup, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { FieldError } from '@/components/field-error';
import './index.scss';

interface ReasonSheetProps {
  /** What is being refused (a bulletin's title, an address); the sheet is open while it is set. */
  subject: string | undefined;
  title: string;
  placeholder: string;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  busy: boolean;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** A bottom sheet that asks why something is refused or sent back, with the server's word under the text. */
export function ReasonSheet(props: ReasonSheetProps) {
  return (
    <Popup
      visible={props.subject !== undefined}
      position="bottom"
      round
      title={props.title}
      description={props.subject}
      onClose={props.onClose}
    >
      <View className="reason-sheet">
        <TextArea
          value={props.value}
          onChange={props.onChange}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          showCount
        />
        <FieldError message={props.error} />
        <Button block type="primary" loading={props.busy} onClick={props.onConfirm}>
          {props.confirmLabel}
        </Button>
      </View>
    </Popup>
  );
}
