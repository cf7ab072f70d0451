package io.bourse.marketdata.core;

import java.util.Objects;

/**
 * Open, high, low, close, volume, turnover and trade count of a non-empty set of trades: one candle,
 * or one minute bucket of the rolling ticker.
 *
 * <p>Invariants: {@code low <= open, close <= high}; {@code volume}, {@code turnover} and
 * {@code tradeCount} are the sums over the trades; {@code open} is the earliest and {@code close}
 * the latest trade by (time, sequence). Because of that ordering, {@link #add} and {@link #merge}
 * are commutative and associative: the same trades give the same value in any arrival order.
 */
public record Ohlcv(PricePoint open, long highPricePaise, long lowPricePaise, PricePoint close,
        long volumeShares, long turnoverPaise, long tradeCount) {

    public Ohlcv {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
    }

    /** The aggregate of one trade. */
    public static Ohlcv of(final TradeTick trade) {
        final PricePoint point = trade.point();
        return new Ohlcv(point, trade.pricePaise(), trade.pricePaise(), point, trade.quantityShares(),
                trade.turnoverPaise(), 1);
    }

    /** This aggregate with {@code trade} added. */
    public Ohlcv add(final TradeTick trade) {
        return merge(of(trade));
    }

    /** The aggregate of the trades of both. */
    public Ohlcv merge(final Ohlcv other) {
        return new Ohlcv(PricePoint.earlier(open, other.open), Math.max(highPricePaise, other.highPricePaise),
                Math.min(lowPricePaise, other.lowPricePaise), PricePoint.later(close, other.close),
                Math.addExact(volumeShares, other.volumeShares), Math.addExact(turnoverPaise, other.turnoverPaise),
                tradeCount + other.tradeCount);
    }

    /** {@code a} merged with {@code b}, where {@code null} is the empty aggregate. */
    public static Ohlcv merge(final Ohlcv a, final Ohlcv b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.merge(b);
    }
}
