package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.marketdata.core.TradeTick;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;

/** The candle window stores, one per interval, key symbol, window start = candle start. */
final class CandleRepository {

    private final Map<CandleInterval, WindowStore<String, Ohlcv>> stores = new EnumMap<>(CandleInterval.class);

    CandleRepository(final ProcessorContext<?, ?> context) {
        for (final CandleInterval interval : CandleInterval.values()) {
            stores.put(interval, context.getStateStore(MarketDataTopology.candleStore(interval)));
        }
    }

    /** Adds {@code trade} to {@code symbol}'s candle of {@code interval} starting at {@code startMs}; returns the result. */
    Ohlcv add(final String symbol, final CandleInterval interval, final long startMs, final TradeTick trade) {
        final WindowStore<String, Ohlcv> store = stores.get(interval);
        final Ohlcv updated = Ohlcv.merge(store.fetch(symbol, startMs), Ohlcv.of(trade));
        store.put(symbol, updated, startMs);
        return updated;
    }
}
