package io.bourse.edge.infra;

import io.bourse.edge.api.ApiException;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows whole topics (every partition, committed records only, no consumer group) on a thread of
 * its own ({@link ConsumerLoop}) and hands each poll's records to a handler, until stopped.
 *
 * <p>A poll that fails (the schema registry is down, the broker is gone for a while) is retried after
 * a pause from the same position, so no record is ever skipped and the follower never stops on its
 * own: a node whose edge stopped following its topics would go on serving stale instruments and
 * silent WebSocket channels. A handler that throws loses only that poll's records, and is logged.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TopicFollower<K, V> extends ConsumerLoop<K, V> {

    /** Where a follower starts: with what the topics already hold, or with what arrives after it starts. */
    public enum From { BEGINNING, END }

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> consumerConfig;
    private final List<String> topics;
    private final From from;
    private final Deserializer<K> keys;
    private final Deserializer<V> values;
    private final Consumer<ConsumerRecords<K, V>> handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Map<TopicPartition, Long> endAtStart = new HashMap<>();

    /**
     * @param name the thread's name and the consumer's client id
     * @param handler called after every successful poll, with its records (possibly none), on the follower's thread
     * @param retryPause how long to wait before polling again after a failed poll
     */
    public TopicFollower(final String name, final KafkaEndpoints endpoints, final List<String> topics, final From from,
            final Deserializer<K> keys, final Deserializer<V> values, final Consumer<ConsumerRecords<K, V>> handler,
            final Duration retryPause) {
        super(name, retryPause);
        this.consumerConfig = endpoints.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, name));
        this.topics = List.copyOf(topics);
        this.from = from;
        this.keys = keys;
        this.values = values;
        this.handler = handler;
    }

    /** Assigns every partition of the topics and positions the consumer; {@link #start()} then follows them. */
    @Override
    protected KafkaConsumer<K, V> open() {
        final KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerConfig, keys, values);
        try {
            final List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            if (from == From.BEGINNING) {
                consumer.seekToBeginning(partitions);
                endAtStart.putAll(consumer.endOffsets(partitions));
            } else {
                consumer.seekToEnd(partitions);
                // Resolve the positions now, so records written after start() returns are all delivered.
                partitions.forEach(consumer::position);
                caughtUp.countDown();
            }
            return consumer;
        } catch (final RuntimeException e) {
            consumer.close(Duration.ofSeconds(2));
            throw e;
        }
    }

    /**
     * Waits until the follower has read every partition up to where it ended when {@link #start()}
     * ran; immediately true for a follower that starts at the end.
     *
     * @return whether it caught up within {@code timeout}
     */
    public boolean awaitCaughtUp(final Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Returns once {@code follower} has caught up ({@link #awaitCaughtUp}); otherwise fails the request
     * with a retryable 503 that says what this node is still reading.
     *
     * @param follower the follower, or {@code null} while its owner has not started it
     * @param reading what the follower reads, as the answer names it, e.g. "the instruments"
     */
    public static void requireCaughtUp(final TopicFollower<?, ?> follower, final Duration timeout, final String reading) {
        try {
            if (follower == null || !follower.awaitCaughtUp(timeout)) {
                throw ApiException.unavailable("This node is still reading " + reading + "; try again in a moment");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while reading " + reading);
        }
    }

    /** A poll, then the handler; a failed poll (or position) is retried from the same position, a failed handler skips its records. */
    @Override
    protected boolean round(final KafkaConsumer<K, V> consumer) {
        final ConsumerRecords<K, V> records = consumer.poll(POLL);
        // position() may wait for the broker too (while it restarts, say): retried like the poll.
        final boolean reachedStartEnd = caughtUp.getCount() > 0
                && endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        try {
            handler.accept(records);
        } catch (final RuntimeException e) {
            LOG.error("{} failed to handle {} records of {}; they are skipped", name(), records.count(), topics, e);
        }
        // Only after the handler has applied them, so a reader released by the latch sees them.
        if (reachedStartEnd) {
            caughtUp.countDown();
            LOG.info("{} has read {} up to where it stood at start", name(), topics);
        }
        return true;
    }
}
