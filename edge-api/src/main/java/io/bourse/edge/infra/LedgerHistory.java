package io.bourse.edge.infra;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.edge.api.ApiException;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads an account's ledger newest first from {@code portfolio.postings} itself, the ledger of
 * record, so the portfolio keeps no second copy of every posting. The portfolio's counters hold the
 * timestamp of the account's latest posting and every posting the timestamp of the one before; a
 * step is a lookup by time ({@code offsetsForTimes}: the earliest offset whose timestamp is at least
 * that, so never past the posting) and a short forward read to the posting that holds the wanted
 * sequence, committed records only. Postings written before they named their predecessor are found
 * by reading the partition backwards from the oldest posting found, in chunks. An account's postings
 * are in sequence order in its partition, which bounds both reads. The history reaches as far back as
 * the topic keeps postings (for ever by default) and as a request's time allows.
 */
@Component
public class LedgerHistory implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerHistory.class);
    /** Consumers kept for reads; a read waits for one at most {@link #BORROW_WAIT}. */
    private static final int READERS = 4;
    private static final Duration BORROW_WAIT = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration KAFKA_CALL = Duration.ofSeconds(2);
    /** A whole read, below the 5 s a node waits for another node it forwarded a request to. */
    private static final Duration READ_BUDGET = Duration.ofSeconds(4);
    /** Records a look-up by time may pass over before it gives up (it lands close to the posting). */
    private static final int MAX_SCAN = 200_000;
    /** Records read per chunk when reading backwards. */
    private static final int BACK_CHUNK = 2_000;

    private final KafkaEndpoints endpoints;
    private final String topic;
    private final Duration headWait;
    private final BlockingQueue<Reader> idle = new ArrayBlockingQueue<>(READERS);
    private final Semaphore permits = new Semaphore(READERS);
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;

    @Autowired
    public LedgerHistory(final KafkaEndpoints endpoints) {
        this(endpoints, Topics.PORTFOLIO_POSTINGS.name(), Duration.ofSeconds(3));
    }

    /**
     * @param topic the postings topic
     * @param headWait how long to wait for the latest posting to be committed: the counters a read
     *     starts from may already hold a posting whose transaction commits a moment later
     */
    LedgerHistory(final KafkaEndpoints endpoints, final String topic, final Duration headWait) {
        this.endpoints = endpoints;
        this.topic = topic;
        this.headWait = headWait;
    }

    /**
     * The account's latest {@code limit} entries, newest first. A ledger whose older part cannot be
     * read within the request's time ends early (logged); the analytics database holds every entry.
     *
     * @param lastSequence the account's last ledger sequence (its counters)
     * @param lastPostingTimestampMs the timestamp of the posting holding it; {@code null} for postings
     *     written before postings were chained, which are then looked for backwards from the end
     * @throws ApiException 503 when the latest posting is not readable within the wait
     */
    public List<LedgerEntry> latest(final String userId, final long lastSequence, final Long lastPostingTimestampMs,
            final int limit) {
        final List<LedgerEntry> result = new ArrayList<>(Math.min(limit, 256));
        if (lastSequence < 1 || limit < 1) {
            return result;
        }
        final long deadline = System.nanoTime() + READ_BUDGET.toNanos();
        final Reader reader = borrow();
        boolean reusable = false;
        try {
            final Walk walk = new Walk(reader, userId, deadline);
            long wanted = lastSequence;
            Long timestamp = lastPostingTimestampMs;
            boolean head = true;
            while (result.size() < limit && wanted >= 1) {
                final LedgerPosting posting = head && timestamp != null
                        ? walk.byTime(timestamp, wanted, System.nanoTime() + headWait.toNanos())
                        : walk.find(timestamp, wanted);
                if (posting == null) {
                    if (head && timestamp != null) {
                        throw ApiException.unavailable("The ledger is catching up with the latest balance change; retry shortly");
                    }
                    LOG.warn("Ledger of {} read down to sequence {} only: the posting holding it is no longer in {} or was "
                            + "not found in time", userId, wanted, topic);
                    break;
                }
                final List<LedgerEntry> entries = posting.getEntries();
                for (int i = entries.size() - 1; i >= 0 && result.size() < limit; i--) {
                    if (entries.get(i).getSequence() <= wanted) {
                        result.add(entries.get(i));
                    }
                }
                wanted = entries.get(0).getSequence() - 1;
                timestamp = posting.getPreviousTimestampMs();
                head = false;
            }
            reusable = true;
            return result;
        } catch (final ApiException e) {
            reusable = true;
            throw e;
        } catch (final KafkaException e) {
            throw ApiException.unavailable("The ledger could not be read (" + e.getClass().getSimpleName() + "); retry shortly");
        } finally {
            giveBack(reader, reusable);
        }
    }

    /** One read's position in the partition and the account's postings it has decoded so far. */
    private final class Walk {

        private final Reader reader;
        private final Consumer<byte[], byte[]> consumer;
        private final byte[] key;
        private final TopicPartition partition;
        private final long deadlineNanos;
        /** The account's postings seen, by first sequence. */
        private final NavigableMap<Long, LedgerPosting> seen = new TreeMap<>();
        /** The offset of the oldest posting of the account seen, where reading backwards goes on from. */
        private long oldestOffset = -1;

        Walk(final Reader reader, final String userId, final long deadlineNanos) {
            this.reader = reader;
            this.consumer = reader.consumer();
            this.key = userId.getBytes(StandardCharsets.UTF_8);
            this.partition = new TopicPartition(topic, BuiltInPartitioner.partitionForKey(key, reader.partitions()));
            this.deadlineNanos = deadlineNanos;
            consumer.assign(Set.of(partition));
        }

        /** The posting holding {@code wanted}: by its timestamp when known, else (or failing that) backwards. */
        LedgerPosting find(final Long timestamp, final long wanted) {
            final LedgerPosting found = timestamp == null ? holding(wanted) : byTime(timestamp, wanted, System.nanoTime());
            return found != null ? found : backwards(wanted);
        }

        /**
         * The posting of {@code timestamp} that holds sequence {@code wanted}, or {@code null} when the
         * partition holds none: it went by retention, or it is not committed by {@code waitUntilNanos}.
         */
        LedgerPosting byTime(final long timestamp, final long wanted, final long waitUntilNanos) {
            final LedgerPosting known = holding(wanted);
            if (known != null) {
                return known;
            }
            // The end first: a posting committed after the look-up is then still read from there.
            final long end = end();
            final OffsetAndTimestamp at = consumer.offsetsForTimes(Map.of(partition, timestamp), KAFKA_CALL).get(partition);
            consumer.seek(partition, at == null ? end : at.offset());
            int scanned = 0;
            while (scanned < MAX_SCAN && !late(deadlineNanos)) {
                final List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
                for (final ConsumerRecord<byte[], byte[]> record : records) {
                    scanned++;
                    final LedgerPosting posting = remember(record);
                    if (posting == null) {
                        continue;
                    }
                    final LedgerPosting found = holding(wanted);
                    if (found != null) {
                        return found;
                    }
                    if (first(posting) > wanted) {
                        return null; // a later posting of the account: the wanted one is not in the partition
                    }
                }
                if (records.isEmpty() && consumer.position(partition, KAFKA_CALL) >= end() && late(waitUntilNanos)) {
                    return null;
                }
            }
            return null;
        }

        /** Reads the partition backwards from the oldest posting of the account seen (or its end) to the one holding {@code wanted}. */
        LedgerPosting backwards(final long wanted) {
            final long begin = consumer.beginningOffsets(Set.of(partition), KAFKA_CALL).get(partition);
            long upTo = oldestOffset >= 0 ? oldestOffset : end();
            while (upTo > begin && !late(deadlineNanos)) {
                final long from = Math.max(begin, upTo - BACK_CHUNK);
                consumer.seek(partition, from);
                while (consumer.position(partition, KAFKA_CALL) < upTo && !late(deadlineNanos)) {
                    for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                        if (record.offset() < upTo) {
                            remember(record);
                        }
                    }
                }
                final LedgerPosting found = holding(wanted);
                if (found != null) {
                    return found;
                }
                upTo = from;
            }
            return null;
        }

        /** Decodes and keeps a record of the account; {@code null} for anyone else's or an unreadable one. */
        private LedgerPosting remember(final ConsumerRecord<byte[], byte[]> record) {
            if (!Arrays.equals(record.key(), key)) {
                return null;
            }
            final LedgerPosting posting;
            try {
                posting = reader.values().deserialize(record.topic(), record.value());
            } catch (final RuntimeException e) {
                LOG.warn("Skipping unreadable posting {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                return null;
            }
            if (posting == null || posting.getEntries().isEmpty()) {
                return null;
            }
            seen.put(first(posting), posting);
            if (oldestOffset < 0 || record.offset() < oldestOffset) {
                oldestOffset = record.offset();
            }
            return posting;
        }

        private LedgerPosting holding(final long sequence) {
            final Map.Entry<Long, LedgerPosting> floor = seen.floorEntry(sequence);
            if (floor == null) {
                return null;
            }
            final List<LedgerEntry> entries = floor.getValue().getEntries();
            return entries.get(entries.size() - 1).getSequence() >= sequence ? floor.getValue() : null;
        }

        /** The last stable offset: where committed records end for now. */
        private long end() {
            final Long end = consumer.endOffsets(Set.of(partition), KAFKA_CALL).get(partition);
            return end == null ? 0 : end;
        }

        private static long first(final LedgerPosting posting) {
            return posting.getEntries().get(0).getSequence();
        }

        private static boolean late(final long nanos) {
            return System.nanoTime() - nanos >= 0;
        }
    }

    /** A consumer (assigned, never subscribed: no group) and its value deserializer, used by one read at a time. */
    private record Reader(Consumer<byte[], byte[]> consumer, Deserializer<LedgerPosting> values, int partitions) {
    }

    private Reader borrow() {
        try {
            if (!permits.tryAcquire(BORROW_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.unavailable("Too many ledger reads at once; retry shortly");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted");
        }
        final Reader reader = idle.poll();
        if (reader != null) {
            return reader;
        }
        try {
            return newReader();
        } catch (final RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private void giveBack(final Reader reader, final boolean reusable) {
        try {
            if (reusable && !closed) {
                reader.consumer().unsubscribe();
                idle.add(reader);
            } else {
                reader.consumer().close(Duration.ZERO);
            }
        } finally {
            permits.release();
        }
    }

    private Reader newReader() {
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(endpoints.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, "bourse-edge-ledger-" + created.incrementAndGet(),
                // A step reads a few records past a look-up by time, not a megabyte.
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            final int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).size();
            if (partitions == 0) {
                throw new IllegalStateException("it has no partitions");
            }
            return new Reader(consumer, Topics.PORTFOLIO_POSTINGS.valueSerde(endpoints.serdeConfig()).deserializer(), partitions);
        } catch (final RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw ApiException.unavailable("The ledger topic " + topic + " is not reachable: " + e.getMessage());
        }
    }

    @Override
    public void destroy() {
        closed = true;
        Reader reader;
        while ((reader = idle.poll()) != null) {
            reader.consumer().close(Duration.ZERO);
        }
    }
}
