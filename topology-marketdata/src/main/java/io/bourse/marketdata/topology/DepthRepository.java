package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.DepthBook;
import io.bourse.schemas.catalogue.MarketDataNames;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Per-symbol {@link DepthBook} in {@code depth}. */
final class DepthRepository {

    private final KeyValueStore<String, DepthBook> store;

    DepthRepository(final ProcessorContext<?, ?> context) {
        this.store = context.getStateStore(MarketDataNames.DEPTH);
    }

    DepthBook load(final String symbol) {
        final DepthBook book = store.get(symbol);
        return book == null ? new DepthBook() : book;
    }

    void save(final String symbol, final DepthBook book) {
        store.put(symbol, book);
    }
}
