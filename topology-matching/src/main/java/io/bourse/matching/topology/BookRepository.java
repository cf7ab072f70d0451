package io.bourse.matching.topology;

import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.matching.MatchingSymbolSnapshot;
import io.bourse.avro.matching.RestingOrderSnapshot;
import io.bourse.matching.core.BookOrder;
import io.bourse.matching.core.EngineState;
import io.bourse.matching.core.FastOrderBook;
import io.bourse.matching.core.MatchingEngine;
import io.bourse.matching.core.OrderBook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Loads and saves a symbol's matching state: one store entry per open order (key
 * {@code <symbol>\0<orderId>}) and one per symbol for the instrument and sequences. The in-memory
 * book is rebuilt from the order entries in arrival order, which restores time priority exactly.
 */
final class BookRepository {

    static final char KEY_SEPARATOR = '\0';

    private final KeyValueStore<String, RestingOrderSnapshot> orders;
    private final KeyValueStore<String, MatchingSymbolSnapshot> symbols;

    BookRepository(final KeyValueStore<String, RestingOrderSnapshot> orders,
            final KeyValueStore<String, MatchingSymbolSnapshot> symbols) {
        this.orders = orders;
        this.symbols = symbols;
    }

    /** The symbol's session rebuilt from the stores, or {@code null} for a symbol never added. */
    SymbolSession load(final String symbol) {
        final MatchingSymbolSnapshot stored = symbols.get(symbol);
        if (stored == null) {
            return null;
        }
        final OrderBook book = new FastOrderBook();
        restingOrders(orders, symbol).forEach(o -> book.restore(AvroMapping.bookOrder(o)));
        final EngineState state = new EngineState(AvroMapping.status(stored.getInstrument().getStatus()),
                stored.getLastTradePricePaise(), stored.getLastArrivalSequence(), stored.getLastTradeSequence(),
                stored.getLastBookSequence());
        final MatchingEngine engine = new MatchingEngine(AvroMapping.spec(stored.getInstrument()), book, state);
        return new SymbolSession(engine, stored.getInstrument(), stored.getLastResultSequence(), stored.getClockMs());
    }

    /** A new symbol with an empty book. */
    SymbolSession create(final Instrument instrument) {
        final EngineState state = new EngineState(AvroMapping.status(instrument.getStatus()), 0, 0, 0, 0);
        return new SymbolSession(new MatchingEngine(AvroMapping.spec(instrument), new FastOrderBook(), state), instrument, 0, 0);
    }

    /** Writes the order's current state, or removes it once it is no longer open. */
    void saveOrder(final String symbol, final String orderId, final BookOrder openOrNull) {
        if (openOrNull == null) {
            orders.delete(key(symbol, orderId));
        } else {
            orders.put(key(symbol, orderId), AvroMapping.snapshot(symbol, openOrNull));
        }
    }

    void saveSymbol(final String symbol, final SymbolSession session) {
        symbols.put(symbol, session.snapshot());
    }

    /** The stored open orders of {@code symbol}, oldest arrival first. */
    static List<RestingOrderSnapshot> restingOrders(final ReadOnlyKeyValueStore<String, RestingOrderSnapshot> store,
            final String symbol) {
        final List<RestingOrderSnapshot> result = new ArrayList<>();
        try (KeyValueIterator<String, RestingOrderSnapshot> it = store.prefixScan(symbol + KEY_SEPARATOR, new StringSerializer())) {
            while (it.hasNext()) {
                final KeyValue<String, RestingOrderSnapshot> entry = it.next();
                result.add(entry.value);
            }
        }
        result.sort(Comparator.comparingLong(RestingOrderSnapshot::getArrivalSequence));
        return result;
    }

    static String key(final String symbol, final String orderId) {
        return symbol + KEY_SEPARATOR + orderId;
    }
}
