package io.bourse.notifications.topology;

import io.bourse.avro.notifications.InboxEntry;
import io.bourse.avro.notifications.NotificationInbox;
import io.bourse.avro.notifications.NotificationPreferences;
import io.bourse.notifications.core.Inbox;
import io.bourse.notifications.core.Preferences;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads of the notifications topology's stores in the core's terms, for the node's endpoints. */
public final class NotificationsQueries {

    private NotificationsQueries() {
    }

    /**
     * The user's inbox, newest first; empty when nothing in-app reached them yet.
     *
     * @param entries the store {@code NotificationsNames.INBOX_ENTRIES}
     * @param earlier the store {@code NotificationsNames.INBOX}, where an earlier version kept inboxes
     */
    public static Inbox inbox(final ReadOnlyKeyValueStore<String, InboxEntry> entries,
            final ReadOnlyKeyValueStore<String, NotificationInbox> earlier, final String userId) {
        return InboxRepository.read(entries, earlier, userId);
    }

    /** The user's preferences; the defaults when they chose nothing and have not registered yet. */
    public static Preferences preferences(final ReadOnlyKeyValueStore<String, NotificationPreferences> store, final String userId) {
        final NotificationPreferences stored = store.get(userId);
        return stored == null ? Preferences.defaults() : NotificationsMapping.preferences(stored);
    }
}
