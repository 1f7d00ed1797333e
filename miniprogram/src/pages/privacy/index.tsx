import { Text } from '@tarojs/components';
import { Screen } from '@/components/screen';
import { Section } from '@/components/section';
import { PRIVACY_GUIDE_VERSION } from '@/services/consent';

const SECTIONS: { title: string; paragraphs: string[] }[] = [
  {
    title: '我们收集哪些信息',
    paragraphs: [
      '微信身份标识：您登录时，我们通过微信获得一个只属于本小程序的用户标识（不是您的微信号），用来识别您的账号。',
      '房屋地址：您申请绑定房屋时填写的小区、楼栋、单元、门牌号，以及您与房屋的关系。',
      '您上传的照片：只有在您反映问题或工作人员上传处理结果时才会上传，不会读取您相册里的其他照片。',
      '位置信息：只有您反映问题时自己在地图上标出位置（或选择使用当前位置、手动填写坐标），我们才记录这一个位置，不会在后台获取您的位置。',
      '您在小程序里办理的事项：例如反映的问题、积分记录，用来为您提供服务和统计社区工作。',
    ],
  },
  {
    title: '我们怎样使用',
    paragraphs: [
      '这些信息只用于社区服务：确认您是本社区居民、处理您反映的问题、记录和兑换积分、向您发送社区消息。',
      '房屋地址只给您所在社区的工作人员审核和使用。社区公布的处理结果和统计数字不会出现您的姓名和门牌号。',
      '您在地图上标出的位置只给处理问题的工作人员查看，不会公开给其他居民。',
      '我们不会出售您的信息，也不会用于广告。',
    ],
  },
  {
    title: '保存和保护',
    paragraphs: [
      '信息在传输时加密，只有负责相关事务的工作人员才能查看。',
      '您注销账号后，我们会删除您的个人信息；法律法规要求保存的记录除外。',
    ],
  },
  {
    title: '您的权利',
    paragraphs: [
      '您可以在“我的”页面查看、导出自己的数据，也可以注销账号。',
      '您可以随时撤回同意：注销账号或停止使用小程序即可。撤回不影响之前已经办理的事项。',
      '对个人信息有任何疑问，可以到社区党群服务站咨询。',
    ],
  },
];

/** The full privacy guide the consent dialog links to; readable before consent. */
export default function PrivacyPolicyPage() {
  return (
    <Screen title="隐私保护指引" privacyGate={false}>
      <Section title="邻里隐私保护指引" note={`版本 ${PRIVACY_GUIDE_VERSION}`}>
        <Text className="para">
          “邻里”是为社区居民提供反映问题、垃圾分类积分、社区消息等服务的小程序。我们依照《中华人民共和国个人信息保护法》，只收集提供服务所必需的信息。
        </Text>
      </Section>
      {SECTIONS.map((s) => (
        <Section key={s.title} title={s.title}>
          {s.paragraphs.map((p) => (
            <Text key={p} className="para">
              {p}
            </Text>
          ))}
        </Section>
      ))}
    </Screen>
  );
}
