package io.bourse.notifications.topology;

import io.bourse.avro.notifications.InboxEntry;
import io.bourse.avro.notifications.InboxHead;
import io.bourse.avro.notifications.NotificationInbox;
import io.bourse.notifications.core.Inbox;
import io.bourse.schemas.catalogue.NotificationsNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The users' in-app inboxes: each a ring of {@code capacity} slots, one entry per store key
 * ({@code <userId>\0<slot>}), and a head per user holding the sequence of the next notification, whose
 * slot is that sequence modulo the capacity. Filing a notification writes it and the head, whatever
 * the inbox holds, and overwrites the oldest entry once the ring is full: no list rewritten, no
 * tombstone. The order an inbox is shown in (newest first) is made when it is read.
 *
 * <p>The inbox holds each notification once because the topic it is filled from is read exactly
 * once: the slot, the head and the input offset commit in one transaction.
 */
final class InboxRepository {

    private static final char SEPARATOR = '\0';
    private static final StringSerializer PREFIX = new StringSerializer();

    private final KeyValueStore<String, InboxEntry> entries;
    private final KeyValueStore<String, InboxHead> heads;
    private final KeyValueStore<String, NotificationInbox> earlier;
    private final int capacity;

    InboxRepository(final ProcessingContext context, final int capacity) {
        this.entries = context.getStateStore(NotificationsNames.INBOX_ENTRIES.name());
        this.heads = context.getStateStore(NotificationsNames.INBOX_HEADS.name());
        this.earlier = context.getStateStore(NotificationsNames.INBOX.name());
        this.capacity = capacity;
    }

    /** Files {@code entry} in its user's inbox, in the slot after the newest; a full ring loses its oldest. */
    void file(final String userId, final Inbox.Entry entry) {
        final long sequence = nextSequence(userId);
        entries.put(slotKey(userId, sequence), NotificationsMapping.inboxEntry(entry));
        heads.put(userId, new InboxHead(sequence + 1));
    }

    /** Marks the user's notification read; nothing changes when the inbox does not hold it or it is read already. */
    void markRead(final String userId, final String notificationId) {
        nextSequence(userId);
        KeyValue<String, InboxEntry> found = null;
        try (KeyValueIterator<String, InboxEntry> it = entries.prefixScan(prefix(userId), PREFIX)) {
            while (found == null && it.hasNext()) {
                final KeyValue<String, InboxEntry> next = it.next();
                if (next.value.getNotificationId().equals(notificationId)) {
                    found = next;
                }
            }
        }
        if (found != null && !found.value.getRead()) {
            entries.put(found.key, InboxEntry.newBuilder(found.value).setRead(true).build());
        }
    }

    /** The user's inbox, newest first; an inbox an earlier version kept that was not touched since is read from there. */
    static Inbox read(final ReadOnlyKeyValueStore<String, InboxEntry> entries,
            final ReadOnlyKeyValueStore<String, NotificationInbox> earlier, final String userId) {
        final List<InboxEntry> held = new ArrayList<>();
        try (KeyValueIterator<String, InboxEntry> it = entries.prefixScan(prefix(userId), PREFIX)) {
            it.forEachRemaining(entry -> held.add(entry.value));
        }
        if (held.isEmpty()) {
            final NotificationInbox stored = earlier.get(userId);
            return stored == null ? Inbox.EMPTY : Inbox.of(NotificationsMapping.inboxEntries(stored.getEntries()));
        }
        return Inbox.of(NotificationsMapping.inboxEntries(held));
    }

    /**
     * The sequence of the user's next notification. The first time a user's inbox is touched, an inbox
     * an earlier version kept as one list moves into the ring, oldest first, and its list is deleted.
     */
    private long nextSequence(final String userId) {
        final InboxHead head = heads.get(userId);
        if (head != null) {
            return head.getNextSequence();
        }
        final NotificationInbox stored = earlier.get(userId);
        if (stored == null) {
            return 0;
        }
        final List<InboxEntry> newestFirst = stored.getEntries();
        final int moved = Math.min(capacity, newestFirst.size());
        for (int sequence = 0; sequence < moved; sequence++) {
            entries.put(slotKey(userId, sequence), newestFirst.get(moved - 1 - sequence));
        }
        earlier.delete(userId);
        heads.put(userId, new InboxHead((long) moved));
        return moved;
    }

    private String slotKey(final String userId, final long sequence) {
        return prefix(userId) + Math.floorMod(sequence, capacity);
    }

    private static String prefix(final String userId) {
        return userId + SEPARATOR;
    }
}
