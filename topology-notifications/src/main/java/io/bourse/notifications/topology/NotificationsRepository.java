package io.bourse.notifications.topology;

import io.bourse.avro.notifications.NotificationPreferences;
import io.bourse.avro.notifications.NotificationProgress;
import io.bourse.notifications.core.Preferences;
import io.bourse.schemas.catalogue.NotificationsNames;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The notifications topology's stores, read and written in the core's terms. */
final class NotificationsRepository {

    private static final char SEPARATOR = '\0';

    private final KeyValueStore<String, NotificationPreferences> preferences;
    private final KeyValueStore<String, NotificationProgress> progress;
    private final WindowStore<String, Long> notifiedPayments;

    NotificationsRepository(final ProcessingContext context) {
        this.preferences = context.getStateStore(NotificationsNames.PREFERENCES.name());
        this.progress = context.getStateStore(NotificationsNames.PROGRESS.name());
        this.notifiedPayments = context.getStateStore(NotificationsNames.NOTIFIED_PAYMENT_EVENTS);
    }

    Preferences preferences(final String userId) {
        final NotificationPreferences stored = preferences.get(userId);
        return stored == null ? Preferences.defaults() : NotificationsMapping.preferences(stored);
    }

    void savePreferences(final String userId, final Preferences value) {
        preferences.put(userId, NotificationsMapping.preferences(userId, value));
    }

    NotificationProgress progress(final String userId) {
        final NotificationProgress stored = progress.get(userId);
        return stored == null ? NotificationProgress.newBuilder().build() : stored;
    }

    void saveProgress(final String userId, final NotificationProgress value) {
        progress.put(userId, value);
    }

    /** Whether the payment event was notified within {@code retentionMs} of {@code timestampMs}. */
    boolean paymentNotified(final String userId, final String eventId, final long timestampMs, final long retentionMs) {
        try (WindowStoreIterator<Long> it = notifiedPayments.fetch(userId + SEPARATOR + eventId,
                Instant.ofEpochMilli(Math.max(0, timestampMs - retentionMs)), Instant.ofEpochMilli(timestampMs + retentionMs))) {
            return it.hasNext();
        }
    }

    void rememberPayment(final String userId, final String eventId, final long timestampMs) {
        notifiedPayments.put(userId + SEPARATOR + eventId, timestampMs, timestampMs);
    }
}
