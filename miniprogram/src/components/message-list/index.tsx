import type { MessageKind } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '@/lib/format';
import type { Message } from '@/services/api';
import './index.scss';

export {
  badgeText,
  MINE_TAB_INDEX,
  refreshUnreadMessages,
  setUnreadMessages,
  useMessageBadge,
  useUnreadMessages,
} from './unread';

/** The message centre's page (main package: it is reached from the 我的 tab). */
export const MESSAGES_PAGE = '/pages/messages/index';

/** What a message is about, in a word or two: read before the title, like a bulletin's kind. */
export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  feedback_status: '反映进度',
  feedback_reply: '社区回复',
  feedback_task: '待办工作',
  feedback_overdue: '超时提醒',
  feedback_escalated: '上报社区',
  photo_hidden: '照片提醒',
  bulletin_important: '重要通知',
  points_credited: '积分到账',
  points_adjusted: '积分调整',
  pickup_waiting: '兑换待领取',
  pickup_reminder: '领取提醒',
  pickup_refunded: '积分退回',
  household_approved: '房屋绑定',
  household_rejected: '房屋绑定',
};

interface MessageCardProps {
  message: Message;
  onOpen: () => void;
}

/**
 * One message: unread ones carry a dot, the word 未读 and a bold title (never
 * colour alone); the whole card is the tap target that opens what it is about.
 */
export function MessageCard({ message, onOpen }: MessageCardProps) {
  const unread = !message.read;
  const kind = MESSAGE_KIND_LABELS[message.kind] ?? '消息';
  return (
    <View
      className={`message-card${unread ? ' message-card--unread' : ''}`}
      hoverClass="message-card--pressed"
      aria-role={message.link ? 'link' : 'button'}
      aria-label={`${unread ? '未读，' : ''}${kind}：${message.title}`}
      data-message={message.messageId}
      data-read={message.read ? 'true' : 'false'}
      onClick={onOpen}
    >
      <View className="message-card__head">
        {unread && <View className="message-card__dot" />}
        {unread && <Text className="message-card__unread">未读</Text>}
        <Text className="message-card__kind">{kind}</Text>
        <Text className="message-card__time">{formatDateTime(message.createdAt)}</Text>
      </View>
      <Text className="message-card__title">{message.title}</Text>
      {message.body && <Text className="message-card__body">{message.body}</Text>}
      {message.link && <Text className="message-card__go">查看详情 ›</Text>}
    </View>
  );
}
