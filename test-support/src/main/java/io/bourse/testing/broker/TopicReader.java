package io.bourse.testing.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of a running broker from its beginning, committed records only, with a consumer of
 * its own (no group, no committed offsets), for tests that check what a topology or a worker wrote.
 */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Hands every committed record of {@code topic}, up to its current end, to {@code sink}, partition
     * by partition in offset order. A topic that does not exist reads as empty.
     */
    public static <V> void readToEnd(final String bootstrap, final String topic, final Deserializer<V> values,
            final Consumer<ConsumerRecord<String, V>> sink) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new StringDeserializer(), values)) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                return;
            }
            for (final PartitionInfo info : infos) {
                final TopicPartition partition = new TopicPartition(topic, info.partition());
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                final long end = consumer.endOffsets(List.of(partition)).get(partition);
                while (consumer.position(partition) < end) {
                    consumer.poll(Duration.ofMillis(500)).forEach(sink);
                }
            }
        }
    }

    /**
     * Reads committed records of every partition of {@code topic} from the beginning, as they arrive,
     * until {@code done} holds for the records read so far, and returns them in arrival order. A topic
     * that does not exist yet is looked for again on every poll.
     *
     * @throws AssertionError if {@code done} does not hold within {@code atMost}
     */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(final String bootstrap, final String topic,
            final Deserializer<K> keys, final Deserializer<V> values, final Predicate<List<ConsumerRecord<K, V>>> done,
            final Duration atMost) {
        final long deadline = System.nanoTime() + atMost.toNanos();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                keys, values)) {
            final List<ConsumerRecord<K, V>> records = new ArrayList<>();
            while (!done.test(records)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("%d records read from %s in %s, and the condition does not hold yet"
                            .formatted(records.size(), topic, atMost));
                }
                if (consumer.assignment().isEmpty()) {
                    final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(1)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                if (consumer.assignment().isEmpty()) {
                    sleep(Duration.ofMillis(200));
                } else {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            }
            return records;
        }
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a topic", e);
        }
    }
}
