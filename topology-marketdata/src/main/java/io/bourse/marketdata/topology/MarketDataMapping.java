package io.bourse.marketdata.topology;

import io.bourse.avro.market.Candle;
import io.bourse.avro.market.Ticker;
import io.bourse.avro.matching.BookUpdate;
import io.bourse.avro.matching.LevelChange;
import io.bourse.avro.matching.Trade;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.DepthUpdate;
import io.bourse.marketdata.core.LevelUpdate;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.marketdata.core.Side;
import io.bourse.marketdata.core.TapeTrade;
import io.bourse.marketdata.core.TickerView;
import io.bourse.marketdata.core.TradeTick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Converts between the Avro records on the topics and the core's types. */
public final class MarketDataMapping {

    private MarketDataMapping() {
    }

    /**
     * The core view of {@code trade}, or empty if it cannot be aggregated: non-positive price or
     * quantity, or a time before the epoch.
     */
    public static Optional<TradeTick> tick(final Trade trade) {
        final long time = trade.getTimestampMs().toEpochMilli();
        if (trade.getPricePaise() <= 0 || trade.getQuantityShares() <= 0 || time < 0) {
            return Optional.empty();
        }
        return Optional.of(new TradeTick(trade.getSequence(), time, trade.getPricePaise(), trade.getQuantityShares()));
    }

    /** The public tape entry of {@code trade}: no order or user ids. */
    public static TapeTrade tape(final Trade trade) {
        return new TapeTrade(trade.getTradeId(), trade.getSequence(), trade.getTimestampMs().toEpochMilli(),
                trade.getPricePaise(), trade.getQuantityShares(), side(trade.getAggressorSide()));
    }

    /** The core view of {@code update}. */
    public static DepthUpdate depthUpdate(final BookUpdate update) {
        final List<LevelUpdate> levels = new ArrayList<>(update.getLevels().size());
        for (final LevelChange level : update.getLevels()) {
            levels.add(new LevelUpdate(side(level.getSide()), level.getPricePaise(), level.getQuantityShares(),
                    level.getOrderCount()));
        }
        return new DepthUpdate(update.getSequence(), update.getTimestampMs().toEpochMilli(), levels);
    }

    /** The Avro candle of {@code symbol} for the bucket of {@code interval} starting at {@code startMs}. */
    public static Candle candle(final String symbol, final CandleInterval interval, final long startMs, final Ohlcv ohlcv) {
        return Candle.newBuilder()
                .setSymbol(symbol)
                .setInterval(interval(interval))
                .setStartMs(Instant.ofEpochMilli(startMs))
                .setEndMs(Instant.ofEpochMilli(interval.windowEnd(startMs)))
                .setOpenPricePaise(ohlcv.open().pricePaise())
                .setHighPricePaise(ohlcv.highPricePaise())
                .setLowPricePaise(ohlcv.lowPricePaise())
                .setClosePricePaise(ohlcv.close().pricePaise())
                .setVolumeShares(ohlcv.volumeShares())
                .setTurnoverPaise(ohlcv.turnoverPaise())
                .setTradeCount(ohlcv.tradeCount())
                .setUpdatedAtMs(Instant.ofEpochMilli(ohlcv.close().timeMs()))
                .build();
    }

    /** The Avro ticker of {@code symbol}. */
    public static Ticker ticker(final String symbol, final TickerView view) {
        return Ticker.newBuilder()
                .setSymbol(symbol)
                .setLastPricePaise(view.lastPricePaise())
                .setReferencePricePaise(view.referencePricePaise())
                .setChangePaise(view.changePaise())
                .setChangeBasisPoints(view.changeBasisPoints())
                .setHighPricePaise(view.highPricePaise())
                .setLowPricePaise(view.lowPricePaise())
                .setVolumeShares(view.volumeShares())
                .setTurnoverPaise(view.turnoverPaise())
                .setTradeCount(view.tradeCount())
                .setBestBidPricePaise(view.bestBidPaise())
                .setBestAskPricePaise(view.bestAskPaise())
                .setTimestampMs(Instant.ofEpochMilli(view.timeMs()))
                .build();
    }

    /** The Avro interval of a core interval (same names). */
    public static io.bourse.avro.market.CandleInterval interval(final CandleInterval interval) {
        return io.bourse.avro.market.CandleInterval.valueOf(interval.name());
    }

    /** The core interval of an Avro interval (same names). */
    public static CandleInterval interval(final io.bourse.avro.market.CandleInterval interval) {
        return CandleInterval.valueOf(interval.name());
    }

    private static Side side(final io.bourse.avro.common.Side side) {
        return side == io.bourse.avro.common.Side.BUY ? Side.BUY : Side.SELL;
    }
}
