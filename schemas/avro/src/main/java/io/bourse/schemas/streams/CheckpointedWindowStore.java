package io.bourse.schemas.streams;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.WithRetentionPeriod;

/**
 * A persistent (RocksDB) window store whose changelog offsets Kafka Streams keeps in a checkpoint file
 * beside the store, as it did for every store before stores kept their own offsets (KIP-1035), instead
 * of inside the store's segments.
 *
 * <p>Why: Kafka Streams 4.4 keeps a segmented store's committed offsets in its segments, so a window
 * store that holds no segment (nothing written to it within its retention: no trade of the task's
 * symbols, no payment event of its users) has no committed offset at all. Under exactly-once, a task
 * reopened on the same node with such a store next to non-empty stores is declared corrupted ("did not
 * find checkpoint offsets while stores are not empty"): its state is wiped, and for an active task a
 * rebalance is forced; the task recreates its stores, and the next time it is reopened (a restart, a
 * move, a standby's promotion) it is declared corrupted again. After a node's failover this held the
 * survivor's market data in wipes and rebalances. The checkpoint file records "offset unknown" for an
 * empty changelog, which counts as found; after a crash the file is missing and the task is wiped and
 * restored, exactly as exactly-once requires.
 *
 * <p>Only the offsets' bookkeeping changes: reads, writes and the changelog are the RocksDB window
 * store's own, and its files stay where they were.
 */
public final class CheckpointedWindowStore implements WindowStore<Bytes, byte[]>, WithRetentionPeriod {

    private final WindowStore<Bytes, byte[]> inner;
    private final long retentionMs;

    private CheckpointedWindowStore(final WindowStore<Bytes, byte[]> inner, final long retentionMs) {
        this.inner = inner;
        this.retentionMs = retentionMs;
    }

    /** A RocksDB window store supplier as {@link Stores#persistentWindowStore} gives, its offsets checkpointed to a file. */
    public static WindowBytesStoreSupplier persistent(final String name, final Duration retention, final Duration windowSize) {
        final WindowBytesStoreSupplier rocks = Stores.persistentWindowStore(name, retention, windowSize, false);
        return new WindowBytesStoreSupplier() {
            @Override
            public String name() {
                return rocks.name();
            }

            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new CheckpointedWindowStore(rocks.get(), rocks.retentionPeriod());
            }

            @Override
            public String metricsScope() {
                return rocks.metricsScope();
            }

            @Override
            public long segmentIntervalMs() {
                return rocks.segmentIntervalMs();
            }

            @Override
            public long windowSize() {
                return rocks.windowSize();
            }

            @Override
            public boolean retainDuplicates() {
                return rocks.retainDuplicates();
            }

            @Override
            public long retentionPeriod() {
                return rocks.retentionPeriod();
            }
        };
    }

    /** Not the store's own: Kafka Streams then wraps it in its checkpoint-file bookkeeping (see the class comment). */
    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return false;
    }

    /**
     * The store's retention, which restoration reads (through an interface internal to Kafka Streams) to skip expired
     * changelog records; without it a restore logs a warning and replays the whole changelog.
     */
    @Override
    public long retentionPeriod() {
        return retentionMs;
    }

    @Override
    public Long committedOffset(final TopicPartition partition) {
        return null;
    }

    @Override
    public void commit(final Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(final StateStoreContext context, final StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(final Query<R> query, final PositionBound positionBound, final QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return inner.approximateNumUncommittedBytes();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    @Override
    public void put(final Bytes key, final byte[] value, final long windowStartTimestamp) {
        inner.put(key, value, windowStartTimestamp);
    }

    @Override
    public byte[] fetch(final Bytes key, final long time) {
        return inner.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(final Bytes key, final long timeFrom, final long timeTo) {
        return inner.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(final Bytes key, final long timeFrom, final long timeTo) {
        return inner.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(final Bytes keyFrom, final Bytes keyTo, final long timeFrom,
            final long timeTo) {
        return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(final Bytes keyFrom, final Bytes keyTo, final long timeFrom,
            final long timeTo) {
        return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(final long timeFrom, final long timeTo) {
        return inner.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(final long timeFrom, final long timeTo) {
        return inner.backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return inner.backwardAll();
    }

    @Override
    public ReadOnlyWindowStore<Bytes, byte[]> readOnly(final IsolationLevel isolationLevel) {
        return inner.readOnly(isolationLevel);
    }
}
