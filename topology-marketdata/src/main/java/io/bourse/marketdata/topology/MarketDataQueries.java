package io.bourse.marketdata.topology;

import io.bourse.avro.market.Candle;
import io.bourse.avro.market.Ticker;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.DepthBook;
import io.bourse.marketdata.core.DepthSnapshot;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.marketdata.core.TapeTrade;
import io.bourse.marketdata.core.RollingTicker;
import io.bourse.marketdata.core.TickerState;
import io.bourse.marketdata.core.TickerView;
import io.bourse.schemas.catalogue.MarketDataNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads of the market-data stores: candles, tickers, recent trades and depth. */
public final class MarketDataQueries {

    private final MarketDataStores stores;

    public MarketDataQueries(final MarketDataStores stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /**
     * {@code symbol}'s candles of {@code interval} that overlap {@code [from, to)}, oldest first.
     * Buckets without trades have no candle. Only candles within the interval's retention remain.
     */
    public List<Candle> candles(final String symbol, final CandleInterval interval, final Instant from, final Instant to) {
        final long firstStart = interval.windowStart(from.toEpochMilli());
        final long lastStart = to.toEpochMilli() - 1;
        final List<Candle> result = new ArrayList<>();
        if (lastStart < firstStart) {
            return result;
        }
        final ReadOnlyWindowStore<String, Ohlcv> store = stores.windowStore(MarketDataTopology.candleStore(interval));
        try (WindowStoreIterator<Ohlcv> candles = store.fetch(symbol, Instant.ofEpochMilli(firstStart), Instant.ofEpochMilli(lastStart))) {
            while (candles.hasNext()) {
                final KeyValue<Long, Ohlcv> candle = candles.next();
                result.add(MarketDataMapping.candle(symbol, interval, candle.key, candle.value));
            }
        }
        return result;
    }

    /** {@code symbol}'s rolling 24h ticker as of its latest trade or quote, empty until it has traded. */
    public Optional<Ticker> ticker(final String symbol) {
        return ticker(symbol, Long.MIN_VALUE);
    }

    /**
     * {@code symbol}'s rolling 24h ticker with its window ending at {@code nowMs}, or at its latest
     * trade or quote if that is later; empty until it has traded. The stored ticker moves only when
     * the symbol trades or quotes, so a symbol that went quiet would otherwise keep showing the
     * volume of a day long past.
     */
    public Optional<Ticker> ticker(final String symbol, final long nowMs) {
        final TickerState state = stores.<TickerState>keyValueStore(MarketDataNames.TICKERS).get(symbol);
        if (state == null) {
            return Optional.empty();
        }
        final TickerState current = RollingTicker.asOf(state, nowMs,
                TickerRepository.readOnlyBuckets(stores.keyValueStore(MarketDataNames.TICKER_MINUTES), symbol));
        return TickerView.of(current).map(view -> MarketDataMapping.ticker(symbol, view));
    }

    /** Up to {@code limit} of {@code symbol}'s latest trades, newest first (at most the tape capacity). */
    public List<TapeTrade> recentTrades(final String symbol, final int limit) {
        return TradeTapeRepository.recent(stores.keyValueStore(MarketDataNames.TRADES_TAPE), symbol, limit);
    }

    /**
     * The best {@code levels} levels per side of {@code symbol}'s book with the sequence they reflect;
     * empty before its first book update.
     */
    public Optional<DepthSnapshot> depth(final String symbol, final int levels) {
        final DepthBook book = stores.<DepthBook>keyValueStore(MarketDataNames.DEPTH).get(symbol);
        return book == null ? Optional.empty() : Optional.of(book.snapshot(levels));
    }
}
