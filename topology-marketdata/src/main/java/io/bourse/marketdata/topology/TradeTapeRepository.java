package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.TapeTrade;
import io.bourse.marketdata.core.TradeTape;
import io.bourse.schemas.catalogue.MarketDataNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The trades tape in {@code trades-tape}: ring slots {@code symbol|slot}. */
final class TradeTapeRepository {

    private final KeyValueStore<String, TapeTrade> store;
    private final int capacity;

    TradeTapeRepository(final ProcessorContext<?, ?> context, final int capacity) {
        this.store = context.getStateStore(MarketDataNames.TRADES_TAPE);
        this.capacity = capacity;
    }

    /** Records the {@code tradeNumber}-th trade of {@code symbol}. */
    void record(final String symbol, final long tradeNumber, final TapeTrade trade) {
        store.put(StoreKeys.slot(symbol, TradeTape.slot(tradeNumber, capacity)), trade);
    }

    /** Up to {@code limit} of {@code symbol}'s trades in {@code store}, newest first. */
    static List<TapeTrade> recent(final ReadOnlyKeyValueStore<String, TapeTrade> store, final String symbol, final int limit) {
        final List<TapeTrade> slots = new ArrayList<>();
        try (KeyValueIterator<String, TapeTrade> range = store.range(StoreKeys.slot(symbol, 0),
                StoreKeys.slot(symbol, MarketDataConfig.MAX_TAPE_CAPACITY - 1))) {
            range.forEachRemaining(entry -> slots.add(entry.value));
        }
        return TradeTape.newestFirst(slots, limit);
    }
}
