package io.bourse.marketdata.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Which candles a trade updates. A trade belongs to one bucket per {@link CandleInterval}; it updates
 * that bucket unless the bucket is already closed ({@link CandleInterval#isClosed}), in which case
 * it is late for that interval only: a trade two minutes late with a one-minute grace misses its
 * 1-minute candle but still counts in its 5-minute, 15-minute, hourly and daily candles.
 */
public final class CandleAggregation {

    private CandleAggregation() {
    }

    /** A bucket that takes the trade. */
    public record Target(CandleInterval interval, long windowStartMs) {
    }

    /**
     * The buckets that take the trade and the intervals for which it came too late.
     *
     * @param open buckets to update, shortest interval first
     * @param late intervals whose bucket for the trade was already closed
     */
    public record Plan(List<Target> open, List<CandleInterval> late) {

        public Plan {
            open = List.copyOf(open);
            late = List.copyOf(late);
        }
    }

    /**
     * @param trade the trade
     * @param watermarkMs the latest trade time seen for the symbol, this trade included
     * @param graceMs how long after its end a bucket still takes late trades
     */
    public static Plan plan(final TradeTick trade, final long watermarkMs, final long graceMs) {
        final List<Target> open = new ArrayList<>(CandleInterval.values().length);
        final List<CandleInterval> late = new ArrayList<>(0);
        for (final CandleInterval interval : CandleInterval.values()) {
            final long start = interval.windowStart(trade.timeMs());
            if (interval.isClosed(start, watermarkMs, graceMs)) {
                late.add(interval);
            } else {
                open.add(new Target(interval, start));
            }
        }
        return new Plan(open, late);
    }
}
