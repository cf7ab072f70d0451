package io.bourse.schemas.catalogue;

import io.bourse.avro.notifications.InboxEntry;
import io.bourse.avro.notifications.InboxHead;
import io.bourse.avro.notifications.NotificationInbox;
import io.bourse.avro.notifications.NotificationPreferences;
import io.bourse.avro.notifications.NotificationProgress;
import io.bourse.avro.notifications.PendingFills;
import java.util.List;

/**
 * Every name of the notifications topology (key user): application id, sources, processors, sinks
 * and state stores, written once here. Renaming a store renames its changelog topic and loses its
 * state, so a change here is a migration; the topology's golden {@code Topology.describe()} file makes
 * it visible.
 */
public final class NotificationsNames {

    /** {@code application.id} of the notifications Kafka Streams application. */
    public static final String APPLICATION_ID = "bourse-notifications";
    /** Consumer group of the dispatcher, which reads {@link Topics#NOTIFICATIONS} and delivers them. */
    public static final String DISPATCHER_GROUP = "bourse-notifications-dispatcher";

    /** Source node reading {@link Topics#ORDERS_EVENTS}. */
    public static final String READ_ORDER_EVENTS = "read-order-events";
    /** Source node reading {@link Topics#PAYMENTS_EVENTS}. */
    public static final String READ_PAYMENT_EVENTS = "read-payment-events";
    /** Source node reading {@link Topics#ACCOUNTS_EVENTS}. */
    public static final String READ_ACCOUNT_EVENTS = "read-account-events";
    /** Source node reading {@link Topics#NOTIFICATIONS_COMMANDS}. */
    public static final String READ_NOTIFICATION_COMMANDS = "read-notification-commands";
    /** Source node reading {@link Topics#NOTIFICATIONS} back, to fill the in-app inbox. */
    public static final String READ_NOTIFICATIONS = "read-notifications";

    /** Notifies fills (conflated), rejections, expiries and cancellations by the exchange. */
    public static final String NOTIFY_ORDER_EVENTS = "notify-order-events";
    /** Notifies deposits and withdrawals. */
    public static final String NOTIFY_PAYMENT_EVENTS = "notify-payment-events";
    /** Notifies registration, KYC decisions and suspension; keeps the registration e-mail. */
    public static final String NOTIFY_ACCOUNT_EVENTS = "notify-account-events";
    /** Applies preference changes and device registrations. */
    public static final String APPLY_NOTIFICATION_COMMANDS = "apply-notification-commands";
    /** Keeps in-app notifications in the user's inbox. */
    public static final String FILL_INBOX = "fill-inbox";

    /** Sink node writing {@link Topics#NOTIFICATIONS}. */
    public static final String WRITE_NOTIFICATIONS = "write-notifications";

    /** Key user id. */
    public static final Store<NotificationPreferences> PREFERENCES =
            new Store<>("notification-preferences", NotificationPreferences.class);
    /** Key user id: the highest order and account event sequences handled, the replay guard. */
    public static final Store<NotificationProgress> PROGRESS = new Store<>("notification-progress", NotificationProgress.class);
    /** Key {@code <userId>\0<orderId>}: open conflation windows of partial fills. */
    public static final Store<PendingFills> PENDING_FILLS = new Store<>("notification-pending-fills", PendingFills.class);
    /**
     * Key {@code <userId>\0<slot>}: the in-app inbox, one entry per key in a ring of the configured number
     * of slots, so that filing a notification writes that notification alone; read by the node's inbox
     * endpoints.
     */
    public static final Store<InboxEntry> INBOX_ENTRIES = new Store<>("notification-inbox-entries", InboxEntry.class);
    /** Key user id: the sequence of the user's next in-app notification, which picks its slot. */
    public static final Store<InboxHead> INBOX_HEADS = new Store<>("notification-inbox-heads", InboxHead.class);
    /**
     * Key user id: the inbox as earlier versions kept it, one list per user rewritten on every change.
     * Read only to move a user's inbox into {@link #INBOX_ENTRIES} the first time it is touched.
     */
    public static final Store<NotificationInbox> INBOX = new Store<>("notification-inbox", NotificationInbox.class);
    /**
     * Window store, key {@code <userId>\0<eventId>}, value the event's timestamp (a long, not Avro):
     * the payment events already notified, kept for the configured retention. Payment events carry no
     * per-user sequence, so their replay guard is their id.
     */
    public static final String NOTIFIED_PAYMENT_EVENTS = "notified-payment-events";

    /** The Avro-valued stores of the topology. */
    public static final List<Store<?>> STORES = List.of(PREFERENCES, PROGRESS, PENDING_FILLS, INBOX, INBOX_HEADS,
            INBOX_ENTRIES);

    private NotificationsNames() {
    }
}
