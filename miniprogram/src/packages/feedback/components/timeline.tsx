import type { FeedbackEvent } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '@/lib/format';
import { actorLabel } from '../lib/labels';
import { PhotoStrip } from './photo-strip';
import './timeline.scss';

/** Every step of the report, oldest first: who did what and when, with replies and proof photos. */
export function Timeline({ events }: { events: FeedbackEvent[] }) {
  // Times as the system texts write them: without the year while it is this year.
  const now = new Date();
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
            <View className="timeline__meta">
              <Text>{`${actorLabel(event.actor)} · `}</Text>
              <Text className="timeline__time">{formatDateTime(event.at, { now })}</Text>
            </View>
            {event.text && <Text className="timeline__text">{event.text}</Text>}
            <PhotoStrip photos={event.photos} label={`${event.label}照片`} />
          </View>
        </View>
      ))}
    </View>
  );
}
