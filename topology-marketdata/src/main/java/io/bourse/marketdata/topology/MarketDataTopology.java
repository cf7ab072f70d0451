package io.bourse.marketdata.topology;

import io.bourse.avro.market.Candle;
import io.bourse.avro.market.Ticker;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.schemas.catalogue.MarketDataNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.streams.CheckpointedWindowStore;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The market-data topology (key: symbol). Reads {@link Topics#TRADES_EXECUTED} and
 * {@link Topics#BOOK_UPDATES}; writes {@link Topics#MARKET_CANDLES} and {@link Topics#MARKET_TICKERS};
 * keeps candles, tickers, the trades tape and the depth in stores read by {@link MarketDataQueries}.
 *
 * <pre>
 * read-trades ─ deduplicate-trades ─┬─ aggregate-candles ── write-candles
 *                                   ├─ aggregate-tickers ── write-tickers
 *                                   └─ record-trades
 * read-book-updates ─ apply-book-updates
 * </pre>
 *
 * <p>{@code aggregate-tickers} and {@code apply-book-updates} share the ticker stores, so both inputs
 * are one sub-topology: the two topics must be co-partitioned (same partition count, keyed by symbol),
 * and the best bid/ask a ticker shows is the depth's as of the book updates processed so far.
 *
 * <p>Candles and tickers are conflated: the aggregations note what changed, and every
 * {@link MarketDataConfig#publishInterval() publish interval} (wall clock) emit each changed candle
 * and ticker once, in its latest state. The stores and queries always hold the latest state.
 *
 * <p>Candles live in window stores, one per interval, key symbol and window start = candle start:
 * a chart's "candles of a symbol between two times" is one ordered {@code fetch(symbol, from, to)},
 * and each interval's retention is the store's own, dropping whole segments as time passes.
 */
public final class MarketDataTopology {

    private MarketDataTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param config grace, candle retention and tape size
     * @param serdeConfig the serde settings, at least {@code schema.registry.url}
     */
    public static Topology build(final MarketDataConfig config, final Map<String, ?> serdeConfig) {
        final Serializer<String> keys = Serdes.String().serializer();
        final Serializer<Candle> candles = Topics.MARKET_CANDLES.valueSerde(serdeConfig).serializer();
        final Serializer<Ticker> tickers = Topics.MARKET_TICKERS.valueSerde(serdeConfig).serializer();

        final Topology topology = new Topology();
        topology.addSource(MarketDataNames.READ_TRADES, Topics.TRADES_EXECUTED.keySerde().deserializer(),
                Topics.TRADES_EXECUTED.valueSerde(serdeConfig).deserializer(), Topics.TRADES_EXECUTED.name());
        topology.addSource(MarketDataNames.READ_BOOK_UPDATES, Topics.BOOK_UPDATES.keySerde().deserializer(),
                Topics.BOOK_UPDATES.valueSerde(serdeConfig).deserializer(), Topics.BOOK_UPDATES.name());

        topology.addProcessor(MarketDataNames.DEDUPLICATE_TRADES, DeduplicateTradesProcessor::new, MarketDataNames.READ_TRADES);
        topology.addProcessor(MarketDataNames.AGGREGATE_CANDLES, () -> new AggregateCandlesProcessor(config.grace(), config.publishInterval()),
                MarketDataNames.DEDUPLICATE_TRADES);
        topology.addProcessor(MarketDataNames.AGGREGATE_TICKERS, () -> new AggregateTickersProcessor(config.publishInterval()),
                MarketDataNames.DEDUPLICATE_TRADES);
        topology.addProcessor(MarketDataNames.RECORD_TRADES, () -> new RecordTradesProcessor(config.tapeCapacity()),
                MarketDataNames.DEDUPLICATE_TRADES);
        topology.addProcessor(MarketDataNames.APPLY_BOOK_UPDATES, ApplyBookUpdatesProcessor::new, MarketDataNames.READ_BOOK_UPDATES);

        topology.addSink(MarketDataNames.WRITE_CANDLES, Topics.MARKET_CANDLES.name(), keys, candles,
                MarketDataNames.AGGREGATE_CANDLES);
        topology.addSink(MarketDataNames.WRITE_TICKERS, Topics.MARKET_TICKERS.name(), keys, tickers,
                MarketDataNames.AGGREGATE_TICKERS);

        for (final CandleInterval interval : CandleInterval.values()) {
            // Offsets checkpointed to a file: a candle store with no candle yet must not make its task corrupted.
            topology.addStateStore(Stores.windowStoreBuilder(
                            CheckpointedWindowStore.persistent(candleStore(interval), config.retention(interval),
                                    Duration.ofMillis(interval.lengthMs())),
                            Serdes.String(), StateSerdes.OHLCV).withCachingEnabled(),
                    MarketDataNames.AGGREGATE_CANDLES);
        }
        topology.addStateStore(keyValue(MarketDataNames.TRADE_PROGRESS, StateSerdes.TRADE_PROGRESS),
                MarketDataNames.DEDUPLICATE_TRADES);
        topology.addStateStore(keyValue(MarketDataNames.TICKERS, StateSerdes.TICKER_STATE),
                MarketDataNames.AGGREGATE_TICKERS, MarketDataNames.APPLY_BOOK_UPDATES);
        topology.addStateStore(keyValue(MarketDataNames.TICKER_MINUTES, StateSerdes.OHLCV),
                MarketDataNames.AGGREGATE_TICKERS, MarketDataNames.APPLY_BOOK_UPDATES);
        topology.addStateStore(keyValue(MarketDataNames.TRADES_TAPE, StateSerdes.TAPE_TRADE), MarketDataNames.RECORD_TRADES);
        topology.addStateStore(keyValue(MarketDataNames.DEPTH, StateSerdes.DEPTH_BOOK), MarketDataNames.APPLY_BOOK_UPDATES);
        topology.addStateStore(smallKeyValue(MarketDataNames.UNPUBLISHED_CANDLES, StateSerdes.UNPUBLISHED_CANDLES),
                MarketDataNames.AGGREGATE_CANDLES);
        topology.addStateStore(smallKeyValue(MarketDataNames.UNPUBLISHED_TICKERS, Serdes.Long()),
                MarketDataNames.AGGREGATE_TICKERS, MarketDataNames.APPLY_BOOK_UPDATES);
        return topology;
    }

    /** The window store holding {@code interval}'s candles. */
    public static String candleStore(final CandleInterval interval) {
        return switch (interval) {
            case M1 -> MarketDataNames.CANDLES_1M;
            case M5 -> MarketDataNames.CANDLES_5M;
            case M15 -> MarketDataNames.CANDLES_15M;
            case H1 -> MarketDataNames.CANDLES_1H;
            case D1 -> MarketDataNames.CANDLES_1D;
        };
    }

    private static <V> StoreBuilder<?> keyValue(final String name, final Serde<V> values) {
        final KeyValueBytesStoreSupplier supplier = Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values).withCachingEnabled();
    }

    /**
     * A store that holds at most one small entry per symbol of the task, in memory: it is logged like
     * the others, so it is restored from its changelog after a restart or a move.
     */
    private static <V> StoreBuilder<?> smallKeyValue(final String name, final Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values).withCachingEnabled();
    }
}
