package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.TradeProgress;
import io.bourse.schemas.catalogue.MarketDataNames;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Per-symbol {@link TradeProgress} in {@code trade-progress}. */
final class TradeProgressRepository {

    private final KeyValueStore<String, TradeProgress> store;

    TradeProgressRepository(final ProcessorContext<?, ?> context) {
        this.store = context.getStateStore(MarketDataNames.TRADE_PROGRESS);
    }

    TradeProgress load(final String symbol) {
        final TradeProgress progress = store.get(symbol);
        return progress == null ? TradeProgress.NONE : progress;
    }

    void save(final String symbol, final TradeProgress progress) {
        store.put(symbol, progress);
    }
}
