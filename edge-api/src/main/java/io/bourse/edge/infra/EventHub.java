package io.bourse.edge.infra;

import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the topics the edge pushes to clients (committed records only, from the moment the node
 * starts) and hands each record to the registered listeners: order and account outcomes that
 * requests wait for, and the WebSocket channels. Every node reads every partition, because any node
 * may hold a client's connection.
 */
@Component
public class EventHub implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final List<Topic<?>> FOLLOWED = List.of(Topics.ORDERS_EVENTS, Topics.ACCOUNTS_EVENTS, Topics.PORTFOLIO_LEDGER,
            Topics.TRADES_EXECUTED, Topics.BOOK_UPDATES, Topics.MARKET_CANDLES, Topics.MARKET_TICKERS, Topics.INSTRUMENTS);

    private final KafkaEndpoints endpoints;
    private final List<Listener<?>> listeners = new CopyOnWriteArrayList<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    private record Listener<V extends SpecificRecord>(Topic<V> topic, BiConsumer<String, V> callback) {
    }

    public EventHub(final KafkaEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Calls {@code callback} with the key and value of every new record of {@code topic}. */
    public <V extends SpecificRecord> void subscribe(final Topic<V> topic, final BiConsumer<String, V> callback) {
        listeners.add(new Listener<>(topic, callback));
    }

    @Override
    public synchronized void start() {
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl());
        final Map<String, Deserializer<?>> deserializers = new java.util.HashMap<>();
        FOLLOWED.forEach(t -> deserializers.put(t.name(), t.valueSerde(serde).deserializer()));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "bourse-edge-events"), new StringDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final Topic<?> topic : FOLLOWED) {
            for (int p = 0; p < consumer.partitionsFor(topic.name()).size(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        running = true;
        thread = new Thread(() -> loop(deserializers), "bourse-event-hub");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(final Map<String, Deserializer<?>> deserializers) {
        try {
            while (running) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    dispatch(record, deserializers.get(record.topic()));
                }
            }
        } catch (final WakeupException stopping) {
            // stop() woke the consumer up
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(final ConsumerRecord<String, byte[]> record, final Deserializer<?> deserializer) {
        final Object value;
        try {
            value = deserializer.deserialize(record.topic(), record.value());
        } catch (final RuntimeException e) {
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        for (final Listener listener : listeners) {
            if (listener.topic().name().equals(record.topic())) {
                try {
                    listener.callback().accept(record.key(), value);
                } catch (final RuntimeException e) {
                    LOG.warn("Listener failed on {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 10;
    }
}
