/**
 * Consent to WeChat subscription messages. WeChat only asks inside a tap
 * handler, so call this first thing on the tap, before any other await.
 */
import type { SUBSCRIPTION_TEMPLATES } from '@linli/shared';
import Taro from '@tarojs/taro';

export type Subscription = (typeof SUBSCRIPTION_TEMPLATES)[number];

/**
 * Asks for one status message about the report being filed. Each "accept" is
 * one message WeChat lets us send, so the answer travels with the report.
 * H5 has no such API: there the consent counts as given.
 */
export async function askForStatusMessages(): Promise<Subscription[]> {
  if (process.env.TARO_ENV !== 'weapp') return ['feedback_status'];
  const templateId = LINLI_TEMPLATE_FEEDBACK_STATUS;
  try {
    // `entityIds` is Alipay's name for the same list; Taro's types want it, WeChat ignores it.
    const result = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] });
    return (result as Record<string, unknown>)[templateId] === 'accept' ? ['feedback_status'] : [];
  } catch {
    // Refused, turned off in settings, or an old client: the report is filed all the same.
    return [];
  }
}
