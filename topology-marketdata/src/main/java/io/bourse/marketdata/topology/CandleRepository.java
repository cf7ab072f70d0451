package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.CandleAggregation;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.marketdata.core.TradeTick;
import io.bourse.schemas.catalogue.MarketDataNames;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The candle window stores, one per interval, key symbol, window start = candle start; and the
 * {@code unpublished-candles} store, which says per symbol which windows changed since they were
 * last published.
 */
final class CandleRepository {

    private final Map<CandleInterval, WindowStore<String, Ohlcv>> stores = new EnumMap<>(CandleInterval.class);
    private final KeyValueStore<String, UnpublishedCandles> unpublished;

    CandleRepository(final ProcessorContext<?, ?> context) {
        for (final CandleInterval interval : CandleInterval.values()) {
            stores.put(interval, context.getStateStore(MarketDataTopology.candleStore(interval)));
        }
        this.unpublished = context.getStateStore(MarketDataNames.UNPUBLISHED_CANDLES);
    }

    /** Adds {@code trade} to {@code symbol}'s candle of {@code interval} starting at {@code startMs}. */
    void add(final String symbol, final CandleInterval interval, final long startMs, final TradeTick trade) {
        final WindowStore<String, Ohlcv> store = stores.get(interval);
        store.put(symbol, Ohlcv.merge(store.fetch(symbol, startMs), Ohlcv.of(trade)), startMs);
    }

    /** Notes that {@code symbol}'s windows {@code changed} changed, by a record with timestamp {@code recordMs}. */
    void markUnpublished(final String symbol, final List<CandleAggregation.Target> changed, final long recordMs) {
        final UnpublishedCandles before = unpublished.get(symbol);
        unpublished.put(symbol, (before == null ? UnpublishedCandles.NONE : before).with(changed, recordMs));
    }

    /** Every symbol with unpublished changes, forgotten as they are returned: the caller publishes them. */
    List<KeyValue<String, UnpublishedCandles>> takeUnpublished() {
        return StoreEntries.takeAll(unpublished);
    }

    /** {@code symbol}'s candles of {@code interval} starting in {@code range}, earliest first, as window start and candle. */
    List<KeyValue<Long, Ohlcv>> candles(final String symbol, final CandleInterval interval,
            final UnpublishedCandles.WindowRange range) {
        final List<KeyValue<Long, Ohlcv>> candles = new ArrayList<>();
        try (WindowStoreIterator<Ohlcv> windows = stores.get(interval).fetch(symbol, range.firstStartMs(), range.lastStartMs())) {
            windows.forEachRemaining(candles::add);
        }
        return candles;
    }
}
