package io.bourse.edge.infra;

import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Follows the topics the edge pushes to clients (committed records only, from the moment the node
 * starts) and hands each record to the registered listeners: order and account outcomes that
 * requests wait for (the engine's results among them), payment verdicts, and the WebSocket channels.
 * Every node reads every partition, because any node may hold a client's connection.
 */
@Component
public class EventHub extends FollowingComponent<String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final List<Topic<?>> FOLLOWED = List.of(Topics.ORDERS_EVENTS, Topics.MATCHING_RESULTS, Topics.ACCOUNTS_EVENTS,
            Topics.PORTFOLIO_POSTINGS, Topics.TRADES_EXECUTED, Topics.BOOK_UPDATES, Topics.MARKET_CANDLES, Topics.MARKET_TICKERS,
            Topics.INSTRUMENTS, Topics.PAYMENTS_EVENTS);

    private final KafkaEndpoints endpoints;
    private final List<Listener<?>> listeners = new CopyOnWriteArrayList<>();

    private record Listener<V extends SpecificRecord>(Topic<V> topic, Predicate<String> wants, BiConsumer<String, V> callback) {
    }

    public EventHub(final KafkaEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Calls {@code callback} with the key and value of every new record of {@code topic}. */
    public <V extends SpecificRecord> void subscribe(final Topic<V> topic, final BiConsumer<String, V> callback) {
        subscribe(topic, key -> true, callback);
    }

    /**
     * Calls {@code callback} with the key and value of every new record of {@code topic} whose key it
     * {@code wants} at that moment. A record no listener wants is not decoded at all: most of what
     * the node follows (every account's ledger, every symbol's depth) has no subscriber on this node.
     */
    public <V extends SpecificRecord> void subscribe(final Topic<V> topic, final Predicate<String> wants,
            final BiConsumer<String, V> callback) {
        listeners.add(new Listener<>(topic, wants, callback));
    }

    @Override
    protected TopicFollower<String, byte[]> newFollower() {
        final Map<String, Object> serde = endpoints.serdeConfig();
        final Map<String, Deserializer<?>> deserializers = new HashMap<>();
        FOLLOWED.forEach(t -> deserializers.put(t.name(), t.valueSerde(serde).deserializer()));
        // Values are decoded per record, so one unreadable record is skipped instead of holding up the rest.
        return new TopicFollower<>("bourse-edge-events", endpoints,
                FOLLOWED.stream().map(Topic::name).toList(), TopicFollower.From.END, new StringDeserializer(),
                new ByteArrayDeserializer(), records -> records.forEach(r -> dispatch(r, deserializers.get(r.topic()))),
                Duration.ofSeconds(1));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void dispatch(final ConsumerRecord<String, byte[]> record, final Deserializer<?> deserializer) {
        Object value = null;
        for (final Listener listener : listeners) {
            if (listener.topic().name().equals(record.topic()) && listener.wants().test(record.key())) {
                if (value == null) {
                    try {
                        value = deserializer.deserialize(record.topic(), record.value());
                    } catch (final RuntimeException e) {
                        LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                                e.getMessage());
                        return;
                    }
                }
                try {
                    listener.callback().accept(record.key(), value);
                } catch (final RuntimeException e) {
                    LOG.warn("Listener failed on {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
                }
            }
        }
    }
}
