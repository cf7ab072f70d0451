package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.MinuteBuckets;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.marketdata.core.TickerState;
import io.bourse.schemas.catalogue.MarketDataNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Rolling ticker state ({@code tickers}), its minute buckets ({@code ticker-minutes}) and the
 * symbols whose ticker changed since it was last published ({@code unpublished-tickers}).
 */
final class TickerRepository {

    private final KeyValueStore<String, TickerState> tickers;
    private final KeyValueStore<String, Ohlcv> minutes;
    private final KeyValueStore<String, Long> unpublished;

    TickerRepository(final ProcessorContext<?, ?> context) {
        this.tickers = context.getStateStore(MarketDataNames.TICKERS);
        this.minutes = context.getStateStore(MarketDataNames.TICKER_MINUTES);
        this.unpublished = context.getStateStore(MarketDataNames.UNPUBLISHED_TICKERS);
    }

    TickerState load(final String symbol) {
        final TickerState state = tickers.get(symbol);
        return state == null ? TickerState.EMPTY : state;
    }

    /** Stores {@code symbol}'s ticker, changed by a record with timestamp {@code recordMs}, to be published. */
    void save(final String symbol, final TickerState state, final long recordMs) {
        tickers.put(symbol, state);
        final Long before = unpublished.get(symbol);
        unpublished.put(symbol, before == null ? recordMs : Math.max(before, recordMs));
    }

    /**
     * Every symbol whose ticker changed since it was last published, with the latest timestamp of
     * the records that changed it; forgotten as they are returned: the caller publishes them.
     */
    List<KeyValue<String, Long>> takeUnpublished() {
        return StoreEntries.takeAll(unpublished);
    }

    /** {@code symbol}'s minute buckets, backed by the store. */
    MinuteBuckets buckets(final String symbol) {
        return new StoreMinuteBuckets(symbol, minutes, minutes);
    }

    /** {@code symbol}'s minute buckets for a query: they can be read, and changing them throws. */
    static MinuteBuckets readOnlyBuckets(final ReadOnlyKeyValueStore<String, Ohlcv> minutes, final String symbol) {
        return new StoreMinuteBuckets(symbol, minutes, null);
    }

    private static final class StoreMinuteBuckets implements MinuteBuckets {

        private final String symbol;
        private final ReadOnlyKeyValueStore<String, Ohlcv> reads;
        private final KeyValueStore<String, Ohlcv> writes;

        /** @param writes the same store as {@code reads}, or {@code null} for buckets that only read */
        StoreMinuteBuckets(final String symbol, final ReadOnlyKeyValueStore<String, Ohlcv> reads,
                final KeyValueStore<String, Ohlcv> writes) {
            this.symbol = symbol;
            this.reads = reads;
            this.writes = writes;
        }

        private KeyValueStore<String, Ohlcv> writable() {
            if (writes == null) {
                throw new UnsupportedOperationException("These minute buckets are read-only");
            }
            return writes;
        }

        @Override
        public Ohlcv get(final long minute) {
            return reads.get(StoreKeys.minute(symbol, minute));
        }

        @Override
        public void put(final long minute, final Ohlcv bucket) {
            writable().put(StoreKeys.minute(symbol, minute), bucket);
        }

        @Override
        public List<Ohlcv> removeBefore(final long minute) {
            final KeyValueStore<String, Ohlcv> store = writable();
            if (minute <= 0) {
                return List.of();
            }
            final List<KeyValue<String, Ohlcv>> removed = read(StoreKeys.minute(symbol, 0), StoreKeys.minute(symbol, minute - 1));
            final List<Ohlcv> buckets = new ArrayList<>(removed.size());
            for (final KeyValue<String, Ohlcv> entry : removed) {
                store.delete(entry.key);
                buckets.add(entry.value);
            }
            return buckets;
        }

        @Override
        public List<Ohlcv> from(final long minute) {
            final List<KeyValue<String, Ohlcv>> entries = read(StoreKeys.minute(symbol, Math.max(0, minute)), StoreKeys.lastMinute(symbol));
            final List<Ohlcv> buckets = new ArrayList<>(entries.size());
            entries.forEach(entry -> buckets.add(entry.value));
            return buckets;
        }

        private List<KeyValue<String, Ohlcv>> read(final String fromKey, final String toKey) {
            final List<KeyValue<String, Ohlcv>> entries = new ArrayList<>();
            try (KeyValueIterator<String, Ohlcv> range = reads.range(fromKey, toKey)) {
                range.forEachRemaining(entries::add);
            }
            return entries;
        }
    }
}
