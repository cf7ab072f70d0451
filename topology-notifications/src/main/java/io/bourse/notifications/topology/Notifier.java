package io.bourse.notifications.topology;

import io.bourse.avro.notifications.Notification;
import io.bourse.notifications.core.Channel;
import io.bourse.notifications.core.NotificationIds;
import io.bourse.notifications.core.NotificationKind;
import io.bourse.notifications.core.Preferences;
import io.bourse.notifications.core.Router;
import io.bourse.notifications.core.Templates;
import io.bourse.schemas.catalogue.NotificationsNames;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Routes one event for one user, renders it for each channel and forwards one {@link Notification} per channel. */
final class Notifier {

    private final ProcessorContext<String, Notification> context;
    private final Templates templates;

    Notifier(final ProcessorContext<String, Notification> context, final Templates templates) {
        this.context = context;
        this.templates = templates;
    }

    /** @param at the event's instant: it decides quiet hours and is the notifications' time */
    void notify(final String userId, final Preferences preferences, final NotificationKind kind, final Map<String, ?> facts,
            final Source source, final Instant at) {
        for (final Channel channel : Router.channels(kind, preferences, at)) {
            final Templates.Rendered rendered = templates.render(kind, channel, preferences.locale(), preferences.zone(), at, facts);
            final String id = NotificationIds.of(userId, source.topic(), source.eventId(), channel);
            context.forward(new Record<>(userId, NotificationsMapping.notification(id, userId, kind, channel, preferences,
                    rendered, at, source), at.toEpochMilli()), NotificationsNames.WRITE_NOTIFICATIONS);
        }
    }

    /** The source of the record being processed. */
    Source source(final String topic, final String eventId) {
        return context.recordMetadata().map(m -> new Source(topic, eventId, m.partition(), m.offset(), 1))
                .orElseGet(() -> new Source(topic, eventId, null, null, 1));
    }
}
