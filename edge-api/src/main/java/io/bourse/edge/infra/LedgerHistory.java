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
 * step is a lookup by time ({@code offsetsForTimes}) and a short forward read to the posting that
 * holds the wanted sequence, committed records only. The history reaches as far back as the topic
 * keeps postings (for ever by default).
 */
@Component
public class LedgerHistory implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerHistory.class);
    /** Consumers kept for reads; a read waits for one at most {@link #BORROW_WAIT}. */
    private static final int READERS = 4;
    private static final Duration BORROW_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(50);
    /** Records one step may pass over before it gives up on a posting (a look-up by time lands close to it). */
    private static final int MAX_SCAN = 200_000;

    private final KafkaEndpoints endpoints;
    private final String topic;
    private final Duration headWait;
    private final BlockingQueue<Reader> idle = new ArrayBlockingQueue<>(READERS);
    private final Semaphore permits = new Semaphore(READERS);
    private final AtomicInteger created = new AtomicInteger();

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
     * The account's latest {@code limit} entries, newest first.
     *
     * @param lastSequence the account's last ledger sequence (its counters)
     * @param lastPostingTimestamp the timestamp of the posting holding it; {@code null}: nothing to read
     * @throws ApiException 503 when the latest posting is not readable within the wait
     */
    public List<LedgerEntry> latest(final String userId, final long lastSequence, final Long lastPostingTimestamp,
            final int limit) {
        final List<LedgerEntry> result = new ArrayList<>(Math.min(limit, 256));
        if (lastPostingTimestamp == null || lastSequence < 1 || limit < 1) {
            return result;
        }
        final Reader reader = borrow();
        boolean healthy = false;
        try {
            final Walk walk = new Walk(reader, userId);
            long wanted = lastSequence;
            Long timestamp = lastPostingTimestamp;
            boolean head = true;
            while (result.size() < limit && wanted >= 1 && timestamp != null) {
                final LedgerPosting posting = walk.find(timestamp, wanted,
                        head ? System.nanoTime() + headWait.toNanos() : System.nanoTime());
                if (posting == null) {
                    if (head) {
                        throw ApiException.unavailable("The ledger is catching up with the latest balance change; retry shortly");
                    }
                    LOG.warn("Ledger of {} ends at sequence {}: the posting holding it is no longer in {}", userId, wanted, topic);
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
            healthy = true;
            return result;
        } finally {
            giveBack(reader, healthy);
        }
    }

    /** One read's position in the partition and the account's postings it has decoded so far. */
    private final class Walk {

        private final Reader reader;
        private final String userId;
        private final byte[] key;
        private final TopicPartition partition;
        /** The account's postings seen, by first sequence. */
        private final NavigableMap<Long, LedgerPosting> seen = new TreeMap<>();

        Walk(final Reader reader, final String userId) {
            this.reader = reader;
            this.userId = userId;
            this.key = userId.getBytes(StandardCharsets.UTF_8);
            this.partition = new TopicPartition(topic, BuiltInPartitioner.partitionForKey(key, reader.partitions()));
            reader.consumer().assign(Set.of(partition));
        }

        /**
         * The posting of {@code timestamp} that holds sequence {@code wanted}, or {@code null} when the
         * partition holds none: it went by retention, or it is not committed by {@code deadlineNanos}.
         */
        LedgerPosting find(final long timestamp, final long wanted, final long deadlineNanos) {
            final LedgerPosting known = holding(wanted);
            if (known != null) {
                return known;
            }
            final Consumer<byte[], byte[]> consumer = reader.consumer();
            final OffsetAndTimestamp at = consumer.offsetsForTimes(Map.of(partition, timestamp), Duration.ofSeconds(5)).get(partition);
            if (at == null) {
                consumer.seekToEnd(Set.of(partition)); // not committed yet: it will come after the end
            } else {
                consumer.seek(partition, at.offset());
            }
            int scanned = 0;
            while (scanned < MAX_SCAN) {
                final List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
                for (final ConsumerRecord<byte[], byte[]> record : records) {
                    scanned++;
                    if (!Arrays.equals(record.key(), key)) {
                        continue;
                    }
                    final LedgerPosting posting = decode(record);
                    if (posting == null || posting.getEntries().isEmpty()) {
                        continue;
                    }
                    final long first = posting.getEntries().get(0).getSequence();
                    seen.put(first, posting);
                    final LedgerPosting found = holding(wanted);
                    if (found != null) {
                        return found;
                    }
                    if (first > wanted) {
                        return null; // a later posting of the account: the wanted one is not in the partition
                    }
                }
                if (records.isEmpty() && atEnd(consumer) && System.nanoTime() - deadlineNanos >= 0) {
                    return null;
                }
            }
            LOG.warn("Gave up looking for ledger sequence {} of {} after {} records of {}", wanted, userId, scanned, partition);
            return null;
        }

        private LedgerPosting holding(final long sequence) {
            final Map.Entry<Long, LedgerPosting> floor = seen.floorEntry(sequence);
            if (floor == null) {
                return null;
            }
            final List<LedgerEntry> entries = floor.getValue().getEntries();
            return entries.get(entries.size() - 1).getSequence() >= sequence ? floor.getValue() : null;
        }

        private boolean atEnd(final Consumer<byte[], byte[]> consumer) {
            final Long end = consumer.endOffsets(Set.of(partition), Duration.ofSeconds(5)).get(partition);
            return end == null || consumer.position(partition) >= end;
        }

        private LedgerPosting decode(final ConsumerRecord<byte[], byte[]> record) {
            try {
                return reader.values().deserialize(record.topic(), record.value());
            } catch (final RuntimeException e) {
                LOG.warn("Skipping unreadable posting {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                return null;
            }
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

    private void giveBack(final Reader reader, final boolean healthy) {
        try {
            if (healthy) {
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
        Reader reader;
        while ((reader = idle.poll()) != null) {
            reader.consumer().close(Duration.ZERO);
        }
    }
}
