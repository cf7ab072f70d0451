package io.bourse.launcher.failover;

import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the market data the exchange publishes ({@code market.tickers} and {@code market.candles}), committed
 * records only, and notes per symbol when this test first saw one of each written after a mark: so a failover
 * test can tell that market data resumed for the symbols whose market-data tasks lived on the killed node.
 */
final class MarketDataWatch implements AutoCloseable {

    private static final List<Topic<?>> TOPICS = List.of(Topics.MARKET_TICKERS, Topics.MARKET_CANDLES);

    private final Thread watcher;
    private final String bootstrap;
    /** Per topic partition, the first offset written after {@link #mark()}; empty until then. */
    private final Map<TopicPartition, Long> markedEnds = new ConcurrentHashMap<>();
    /** Per topic and symbol, when this test first saw a record written after the mark. */
    private final Map<String, Long> seenAfterMark = new ConcurrentHashMap<>();
    private volatile boolean watching = true;

    MarketDataWatch(final String bootstrap) {
        this.bootstrap = bootstrap;
        this.watcher = new Thread(this::watch, "failover-market-data");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    /** Notes where each market-data topic ends now; what is written after counts as resumed. */
    void mark() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            final List<TopicPartition> partitions = partitions(consumer);
            markedEnds.putAll(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        }
    }

    /** When this test first saw a record of {@code topic} for {@code symbol} written after {@link #mark()}. */
    OptionalLong firstAfterMark(final Topic<?> topic, final String symbol) {
        final Long at = seenAfterMark.get(topic.name() + "/" + symbol);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** The latest of the first sightings of {@code topic} after the mark over {@code symbols}; empty while one lacks any. */
    OptionalLong allAfterMark(final Topic<?> topic, final Set<String> symbols) {
        long latest = Long.MIN_VALUE;
        for (final String symbol : symbols) {
            final OptionalLong at = firstAfterMark(topic, symbol);
            if (at.isEmpty()) {
                return OptionalLong.empty();
            }
            latest = Math.max(latest, at.getAsLong());
        }
        return OptionalLong.of(latest);
    }

    private void watch() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(partitions(consumer));
            consumer.seekToEnd(consumer.assignment());
            while (watching) {
                try {
                    for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        final Long end = markedEnds.get(new TopicPartition(record.topic(), record.partition()));
                        if (end != null && record.offset() >= end && record.key() != null) {
                            seenAfterMark.putIfAbsent(record.topic() + "/" + record.key(), System.currentTimeMillis());
                        }
                    }
                } catch (final org.apache.kafka.common.errors.InterruptException e) {
                    return;
                } catch (final RuntimeException brokerAway) {
                    // keep polling: the consumer finds new leaders
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        // Values stay bytes: this watch needs the symbol (the key) and the offset only.
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer) {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final Topic<?> topic : TOPICS) {
            consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        watcher.join(5_000);
    }
}
