import type { FeedbackEvent } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '@/lib/format';
import { actorLabel } from '../lib/labels';
import { PhotoStrip } from './photo-strip';
import './timeline.scss';

/** Every step of the report, oldest first: who did what and when, with replies and proof photos. */
export function Timeline({ events }: { events: FeedbackEvent[] }) {
  return (
    <View className="timeline">
      {events.map((event) => (
        <View
          key={event.eventId}
          className={`timeline__event${event.visibility === 'internal' ? ' timeline__event--internal' : ''}`}
          data-kind={event.kind}
        >
          <View className="timeline__dot" />
          <View className="timeline__body">
            <View className="timeline__head">
              <Text className="timeline__label">{event.label}</Text>
              {event.visibility === 'internal' && <Text className="timeline__internal">仅工作人员可见</Text>}
            </View>
            <Text className="timeline__meta">
              {actorLabel(event.actor)} · {formatDateTime(event.at)}
            </Text>
            {event.text && <Text className="timeline__text">{event.text}</Text>}
            <PhotoStrip photos={event.photos} label={`${event.label}照片`} />
          </View>
        </View>
      ))}
    </View>
  );
}
