package io.bourse.marketdata.benchmark;

import io.bourse.marketdata.core.CandleAggregation;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.marketdata.core.RollingTicker;
import io.bourse.marketdata.core.TickerState;
import io.bourse.marketdata.core.TickerView;
import io.bourse.marketdata.core.TradeProgress;
import io.bourse.marketdata.core.TradeTick;
import io.bourse.marketdata.core.TreeMapMinuteBuckets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Trades per second through the pure core: de-duplication, the five candle intervals and the
 * rolling 24h ticker, with state in plain maps (no Kafka, no serialization). The upper bound the
 * processors can reach.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreAggregationBenchmark {

    private static final long GRACE_MS = 30_000;

    @Param({"50"})
    public int symbols;

    private TradeStream stream;
    private TradeProgress[] progress;
    private TickerState[] tickers;
    private TreeMapMinuteBuckets[] buckets;
    private Map<Long, Ohlcv>[][] candles;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        stream = new TradeStream(symbols);
        progress = new TradeProgress[symbols];
        tickers = new TickerState[symbols];
        buckets = new TreeMapMinuteBuckets[symbols];
        candles = new Map[symbols][CandleInterval.values().length];
        for (int i = 0; i < symbols; i++) {
            progress[i] = TradeProgress.NONE;
            tickers[i] = TickerState.EMPTY;
            buckets[i] = new TreeMapMinuteBuckets();
            for (int k = 0; k < CandleInterval.values().length; k++) {
                candles[i][k] = new HashMap<>();
            }
        }
    }

    @Benchmark
    public void aggregateTrade(final Blackhole blackhole) {
        final int s = stream.next();
        final TradeTick trade = new TradeTick(stream.sequence(s), stream.timeMs(), stream.price(s), stream.quantity());
        if (progress[s].isDuplicate(trade)) {
            return;
        }
        progress[s] = progress[s].accept(trade);
        for (final CandleAggregation.Target target : CandleAggregation.plan(trade, progress[s].watermarkMs(), GRACE_MS).open()) {
            final Map<Long, Ohlcv> store = candles[s][target.interval().ordinal()];
            final Ohlcv updated = Ohlcv.merge(store.get(target.windowStartMs()), Ohlcv.of(trade));
            store.put(target.windowStartMs(), updated);
            blackhole.consume(updated);
        }
        tickers[s] = RollingTicker.onTrade(tickers[s], trade, buckets[s]);
        blackhole.consume(TickerView.of(tickers[s]));
    }
}
