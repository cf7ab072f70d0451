package io.bourse.schemas.catalogue;

import java.util.List;

/**
 * Every name of the market-data topology: application id, sources, processors, sinks and state
 * stores, written once here. Renaming a store renames its changelog topic and loses its state, so a
 * change here is a migration; the topology's golden {@code Topology.describe()} file makes it visible.
 *
 * <p>Processors are verb-noun, stores are nouns. Topics come from {@link Topics}.
 */
public final class MarketDataNames {

    /** {@code application.id} of the market-data Kafka Streams application. */
    public static final String APPLICATION_ID = "bourse-marketdata";

    /** Source node reading {@link Topics#TRADES_EXECUTED}. */
    public static final String READ_TRADES = "read-trades";
    /** Source node reading {@link Topics#BOOK_UPDATES}. */
    public static final String READ_BOOK_UPDATES = "read-book-updates";

    /** Drops duplicate trades (sequence not above the last seen) and tracks per-symbol trade time. */
    public static final String DEDUPLICATE_TRADES = "deduplicate-trades";
    /** Updates the 1m..1d candles of a trade; publishes the changed ones every publish interval. */
    public static final String AGGREGATE_CANDLES = "aggregate-candles";
    /** Updates the rolling 24h ticker of a trade; publishes the changed tickers every publish interval. */
    public static final String AGGREGATE_TICKERS = "aggregate-tickers";
    /** Appends a trade to the per-symbol trades tape. */
    public static final String RECORD_TRADES = "record-trades";
    /** Applies L2 level changes to the depth; marks the ticker changed when the best bid or ask moves. */
    public static final String APPLY_BOOK_UPDATES = "apply-book-updates";

    /** Sink node writing {@link Topics#MARKET_CANDLES}. */
    public static final String WRITE_CANDLES = "write-candles";
    /** Sink node writing {@link Topics#MARKET_TICKERS}. */
    public static final String WRITE_TICKERS = "write-tickers";

    /** Window store of 1-minute candles, key symbol. */
    public static final String CANDLES_1M = "candles-1m";
    /** Window store of 5-minute candles, key symbol. */
    public static final String CANDLES_5M = "candles-5m";
    /** Window store of 15-minute candles, key symbol. */
    public static final String CANDLES_15M = "candles-15m";
    /** Window store of 1-hour candles (IST hours), key symbol. */
    public static final String CANDLES_1H = "candles-1h";
    /** Window store of 1-day candles (IST days), key symbol. */
    public static final String CANDLES_1D = "candles-1d";
    /** Per-symbol last trade sequence, latest trade time and trade count. */
    public static final String TRADE_PROGRESS = "trade-progress";
    /** Per-symbol one-minute trade buckets of the rolling 24h window, key {@code symbol|minute}. */
    public static final String TICKER_MINUTES = "ticker-minutes";
    /** Per-symbol rolling 24h ticker state, key symbol. */
    public static final String TICKERS = "tickers";
    /** The last N trades per symbol in ring slots, key {@code symbol|slot}. */
    public static final String TRADES_TAPE = "trades-tape";
    /** Per-symbol L2 depth with the book sequence it reflects, key symbol. */
    public static final String DEPTH = "depth";
    /** Per symbol, the candle windows changed since they were last published, key symbol. */
    public static final String UNPUBLISHED_CANDLES = "unpublished-candles";
    /** The symbols whose ticker changed since it was last published, key symbol, value the latest record time. */
    public static final String UNPUBLISHED_TICKERS = "unpublished-tickers";

    /** Every candle store, shortest interval first. */
    public static final List<String> CANDLE_STORES = List.of(CANDLES_1M, CANDLES_5M, CANDLES_15M, CANDLES_1H, CANDLES_1D);

    /** Every state store of the topology. */
    public static final List<String> ALL_STORES = List.of(CANDLES_1M, CANDLES_5M, CANDLES_15M, CANDLES_1H, CANDLES_1D,
            TRADE_PROGRESS, TICKER_MINUTES, TICKERS, TRADES_TAPE, DEPTH, UNPUBLISHED_CANDLES, UNPUBLISHED_TICKERS);

    private MarketDataNames() {
    }
}
