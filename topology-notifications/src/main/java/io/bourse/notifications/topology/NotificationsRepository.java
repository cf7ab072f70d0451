package io.bourse.notifications.topology;

import io.bourse.avro.notifications.NotificationPreferences;
import io.bourse.avro.notifications.NotificationProgress;
import io.bourse.avro.notifications.PendingFills;
import io.bourse.notifications.core.Conflation;
import io.bourse.notifications.core.Preferences;
import io.bourse.schemas.catalogue.NotificationsNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The notifications topology's stores, read and written in the core's terms. */
final class NotificationsRepository {

    private static final char SEPARATOR = '\0';

    private final KeyValueStore<String, NotificationPreferences> preferences;
    private final KeyValueStore<String, NotificationProgress> progress;
    private final KeyValueStore<String, PendingFills> pendingFills;
    private final WindowStore<String, Long> notifiedPayments;

    NotificationsRepository(final ProcessingContext context) {
        this.preferences = context.getStateStore(NotificationsNames.PREFERENCES.name());
        this.progress = context.getStateStore(NotificationsNames.PROGRESS.name());
        this.pendingFills = context.getStateStore(NotificationsNames.PENDING_FILLS.name());
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

    Optional<Conflation.Window> pendingFills(final String userId, final String orderId) {
        return Optional.ofNullable(pendingFills.get(userId + SEPARATOR + orderId)).map(NotificationsMapping::window);
    }

    void savePendingFills(final String userId, final Optional<Conflation.Window> window, final String orderId) {
        final String key = userId + SEPARATOR + orderId;
        if (window.isPresent()) {
            pendingFills.put(key, NotificationsMapping.pendingFills(userId, window.get()));
        } else {
            pendingFills.delete(key);
        }
    }

    /** Every open window with its user, in key order. */
    List<KeyValue<String, Conflation.Window>> allPendingFills() {
        final List<KeyValue<String, Conflation.Window>> all = new ArrayList<>();
        try (KeyValueIterator<String, PendingFills> it = pendingFills.all()) {
            it.forEachRemaining(entry -> all.add(KeyValue.pair(entry.value.getUserId(), NotificationsMapping.window(entry.value))));
        }
        return all;
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
