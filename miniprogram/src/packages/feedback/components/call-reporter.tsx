import type { FeedbackReport } from '@linli/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './call-reporter.scss';

/** 13800138000 → 138 0013 8000: read out in the groups people say it in. */
const grouped = (phone: string) => phone.replace(/^(\d{3})(\d{4})(\d{4})$/, '$1 $2 $3');

/**
 * The number the reporter left, and a button that calls it. The server gives
 * the number only to staff assigned to the report and admins (`reporterPhone`),
 * so whoever sees this may call.
 */
export function CallReporter({ report }: { report: FeedbackReport }) {
  const phone = report.reporterPhone;
  if (!phone) return null;
  const call = () =>
    void Promise.resolve(Taro.makePhoneCall({ phoneNumber: phone })).catch(() => {
      // Cancelled on the phone's own prompt: nothing to say.
    });
  return (
    <View className="call-reporter">
      <View className="call-reporter__who">
        <Text className="call-reporter__label">{`${report.reporterName} 留的电话`}</Text>
        <Text className="call-reporter__number">{grouped(phone)}</Text>
      </View>
      <Button block type="primary" fill="outline" className="call-reporter__button" onClick={call}>
        打电话给反映人
      </Button>
    </View>
  );
}
