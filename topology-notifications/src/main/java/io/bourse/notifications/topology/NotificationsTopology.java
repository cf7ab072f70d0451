package io.bourse.notifications.topology;

import io.bourse.notifications.core.Templates;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.Store;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.streams.CheckpointedWindowStore;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The notifications topology, keyed by user: order, payment and account events (co-partitioned with
 * the preference commands) each have a processor, all sharing the user's stores in one sub-topology,
 * and all write to {@code notifications}, one record per (event, channel); the in-app ones are read
 * back into the user's inbox (store {@code notification-inbox}). Run with exactly-once: the
 * stores' guards (per-user sequences, payment event ids) and the notifications commit together, so a
 * crash neither loses nor repeats a notification, and a replayed event writes none.
 */
public final class NotificationsTopology {

    private static final String[] NOTIFIERS = {NotificationsNames.NOTIFY_ORDER_EVENTS, NotificationsNames.NOTIFY_PAYMENT_EVENTS,
        NotificationsNames.NOTIFY_ACCOUNT_EVENTS};
    private static final String[] PROCESSORS = {NotificationsNames.NOTIFY_ORDER_EVENTS, NotificationsNames.NOTIFY_PAYMENT_EVENTS,
        NotificationsNames.NOTIFY_ACCOUNT_EVENTS, NotificationsNames.APPLY_NOTIFICATION_COMMANDS, NotificationsNames.FILL_INBOX};

    private NotificationsTopology() {
    }

    /** @param serdeConfig at least {@code schema.registry.url} */
    public static Topology build(final NotificationsConfig config, final Map<String, ?> serdeConfig) {
        final Templates templates = Templates.fromClasspath();
        final Topology topology = new Topology();
        source(topology, NotificationsNames.READ_ORDER_EVENTS, Topics.ORDERS_EVENTS, serdeConfig);
        source(topology, NotificationsNames.READ_PAYMENT_EVENTS, Topics.PAYMENTS_EVENTS, serdeConfig);
        source(topology, NotificationsNames.READ_ACCOUNT_EVENTS, Topics.ACCOUNTS_EVENTS, serdeConfig);
        source(topology, NotificationsNames.READ_NOTIFICATION_COMMANDS, Topics.NOTIFICATIONS_COMMANDS, serdeConfig);
        // The topology reads its own output back for the inbox: an in-app notification enters the inbox
        // only once it is committed to the topic, the same record every other reader sees.
        source(topology, NotificationsNames.READ_NOTIFICATIONS, Topics.NOTIFICATIONS, serdeConfig);
        topology.addProcessor(NotificationsNames.NOTIFY_ORDER_EVENTS, () -> new OrderEventProcessor(config, templates),
                NotificationsNames.READ_ORDER_EVENTS);
        topology.addProcessor(NotificationsNames.NOTIFY_PAYMENT_EVENTS, () -> new PaymentEventProcessor(config, templates),
                NotificationsNames.READ_PAYMENT_EVENTS);
        topology.addProcessor(NotificationsNames.NOTIFY_ACCOUNT_EVENTS, () -> new AccountEventProcessor(templates),
                NotificationsNames.READ_ACCOUNT_EVENTS);
        topology.addProcessor(NotificationsNames.APPLY_NOTIFICATION_COMMANDS, () -> new NotificationCommandProcessor(config.inboxCapacity()),
                NotificationsNames.READ_NOTIFICATION_COMMANDS);
        topology.addProcessor(NotificationsNames.FILL_INBOX, () -> new InboxProcessor(config.inboxCapacity()),
                NotificationsNames.READ_NOTIFICATIONS);
        for (final Store<?> store : NotificationsNames.STORES) {
            topology.addStateStore(store(store, serdeConfig), PROCESSORS);
        }
        // Written once per event id and read only to find a replay: a cache would have nothing to merge.
        // Offsets checkpointed to a file: a partition without payment events must not make its task corrupted.
        topology.addStateStore(Stores.windowStoreBuilder(CheckpointedWindowStore.persistent(NotificationsNames.NOTIFIED_PAYMENT_EVENTS,
                config.paymentDedupRetention(), config.paymentDedupRetention()), Serdes.String(), Serdes.Long()),
                PROCESSORS);
        topology.addSink(NotificationsNames.WRITE_NOTIFICATIONS, Topics.NOTIFICATIONS.name(), new StringSerializer(),
                Topics.NOTIFICATIONS.valueSerde(serdeConfig).serializer(), NOTIFIERS);
        return topology;
    }

    private static <V extends SpecificRecord> StoreBuilder<KeyValueStore<String, V>> store(final Store<V> store,
            final Map<String, ?> serdeConfig) {
        final StoreBuilder<KeyValueStore<String, V>> builder = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(store.name()), Serdes.String(), store.valueSerde(serdeConfig));
        // An inbox slot is written once per notification: a cache would have nothing to merge.
        return store == NotificationsNames.INBOX_ENTRIES ? builder : builder.withCachingEnabled();
    }

    private static <V extends SpecificRecord> void source(final Topology topology, final String name, final Topic<V> topic,
            final Map<String, ?> serdeConfig) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde(serdeConfig).deserializer(), topic.name());
    }
}
