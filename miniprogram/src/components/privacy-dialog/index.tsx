import { Button, Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { PAGES } from '@/navigation';
import {
  AGREE_BUTTON_ID,
  agreeToPrivacy,
  declinePrivacy,
  getPromptState,
  onPromptChange,
} from '@/services/privacy-prompt';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * The privacy guide consent. In weapp the agree button is WeChat's own
 * `agreePrivacyAuthorization` button, so WeChat records the consent too.
 */
export function PrivacyDialog() {
  const { open } = useSyncExternalStore(onPromptChange, getPromptState, getPromptState);

  return (
    <Popup
      visible={open}
      position="center"
      round
      closeable={false}
      closeOnOverlayClick={false}
      destroyOnClose
      className="privacy-dialog"
    >
      <View className="privacy-dialog__body" aria-role="dialog" aria-label="隐私保护指引">
        <Text className="privacy-dialog__title">隐私保护指引</Text>
        <Text className="privacy-dialog__text">欢迎使用“邻里”。为了给您提供社区服务，我们会收集和使用以下信息：</Text>
        <View className="privacy-dialog__list">
          <Text className="privacy-dialog__item">· 微信身份标识：用于登录和识别您的账号</Text>
          <Text className="privacy-dialog__item">· 房屋地址：用于绑定住户身份，由社区工作人员审核</Text>
          <Text className="privacy-dialog__item">· 您上传的照片：只在您反映问题时上传，供社区处理</Text>
        </View>
        <Text className="privacy-dialog__text">
          这些信息只用于社区服务。您可以随时在“我的”页面导出或删除自己的数据。
        </Text>
        <Text className="privacy-dialog__link" onClick={() => void Taro.navigateTo({ url: PAGES.privacyPolicy })}>
          阅读完整的《邻里隐私保护指引》
        </Text>
        <View className="privacy-dialog__actions">
          <Button className="privacy-dialog__button" onClick={declinePrivacy}>
            不同意
          </Button>
          <Button
            className="privacy-dialog__button"
            type="primary"
            id={AGREE_BUTTON_ID}
            openType={isWeapp ? 'agreePrivacyAuthorization' : undefined}
            onAgreePrivacyAuthorization={isWeapp ? agreeToPrivacy : undefined}
            onClick={isWeapp ? undefined : agreeToPrivacy}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </Popup>
  );
}
