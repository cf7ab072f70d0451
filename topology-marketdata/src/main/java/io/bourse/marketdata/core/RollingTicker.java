package io.bourse.marketdata.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The rolling (not calendar-day) 24-hour ticker, exact at one-minute granularity.
 *
 * <p><b>Window.</b> Time is cut into minutes {@code m(t) = floor(t / 60_000)}. The ticker at
 * {@code now} — the latest trade or quote time seen for the symbol — covers the trades in the 1440
 * minutes {@code m(now) - 1439 .. m(now)}: everything from the start of the minute 23h59m before
 * the current minute up to now, so between 23h59m and 24h of trading. Trades are kept per minute
 * ({@link MinuteBuckets}); when the window start passes the oldest bucket, the buckets that left are
 * removed and the window aggregate is rebuilt from the rest (at most once per minute per symbol).
 *
 * <p><b>Reference price.</b> The price of the latest trade before the window — the last trade at or
 * before {@code now - 24h}, at minute granularity — if one is known, otherwise the first trade in
 * the window. "Latest" and "first" order trades by (time, sequence).
 *
 * <p><b>Late trades.</b> A trade older than {@code now} counts in the window if its minute is
 * still inside it; if it is older than the window it can only become the reference price.
 *
 * <p>Change is {@code last - reference} in paise and in basis points, see {@link TickerView}.
 * A symbol with no trade inside the window shows volume, turnover and count 0 and
 * high = low = last price.
 */
public final class RollingTicker {

    /** Minutes in the window. */
    public static final int WINDOW_MINUTES = 1440;
    /** Milliseconds in a minute bucket. */
    public static final long MINUTE_MS = 60_000L;

    private RollingTicker() {
    }

    /** The minute number of {@code timeMs}. */
    public static long minute(final long timeMs) {
        return Math.floorDiv(timeMs, MINUTE_MS);
    }

    /** The first minute inside the window that ends at {@code nowMs}. */
    public static long windowStartMinute(final long nowMs) {
        return minute(nowMs) - (WINDOW_MINUTES - 1);
    }

    /** The state after {@code trade}, which must not be a duplicate; updates {@code buckets}. */
    public static TickerState onTrade(final TickerState state, final TradeTick trade, final MinuteBuckets buckets) {
        final TickerState advanced = advanceTo(state, trade.timeMs(), buckets);
        final long tradeMinute = minute(trade.timeMs());
        if (tradeMinute < windowStartMinute(advanced.nowMs())) {
            return advanced.withReference(PricePoint.later(advanced.reference(), trade.point()));
        }
        final Ohlcv single = Ohlcv.of(trade);
        buckets.put(tradeMinute, Ohlcv.merge(buckets.get(tradeMinute), single));
        return advanced.withWindow(Ohlcv.merge(advanced.window(), single));
    }

    /** The state after the best bid/ask changed at {@code timeMs}; either may be {@code null}. */
    public static TickerState onQuotes(final TickerState state, final Long bestBidPaise, final Long bestAskPaise,
            final long timeMs, final MinuteBuckets buckets) {
        return advanceTo(state, timeMs, buckets).withQuotes(bestBidPaise, bestAskPaise);
    }

    /** The state with its window moved to end at {@code timeMs}; an earlier time changes nothing. */
    public static TickerState advanceTo(final TickerState state, final long timeMs, final MinuteBuckets buckets) {
        if (!leavesBuckets(state, timeMs)) {
            return timeMs <= state.nowMs() ? state : state.withNow(timeMs);
        }
        final long start = windowStartMinute(timeMs);
        return moved(state, timeMs, buckets.removeBefore(start), buckets.from(start));
    }

    /**
     * The ticker as it reads at {@code timeMs}, changing neither the state nor the buckets: what
     * {@link #advanceTo} would give. A query uses it so that a symbol that stopped trading shows an
     * empty window once its last trade is 24 h old, not the volume it had when it last traded.
     */
    public static TickerState asOf(final TickerState state, final long timeMs, final MinuteBuckets buckets) {
        if (!leavesBuckets(state, timeMs)) {
            return timeMs <= state.nowMs() ? state : state.withNow(timeMs);
        }
        final long start = windowStartMinute(timeMs);
        final List<Ohlcv> evicted = new ArrayList<>();
        final List<Ohlcv> kept = new ArrayList<>();
        for (final Ohlcv bucket : buckets.from(Long.MIN_VALUE)) {
            (minute(bucket.open().timeMs()) < start ? evicted : kept).add(bucket);
        }
        return moved(state, timeMs, evicted, kept);
    }

    /** Whether moving the window to end at {@code timeMs} drops some of its buckets. */
    private static boolean leavesBuckets(final TickerState state, final long timeMs) {
        return timeMs > state.nowMs() && state.window() != null
                && minute(state.window().open().timeMs()) < windowStartMinute(timeMs);
    }

    private static TickerState moved(final TickerState state, final long timeMs, final List<Ohlcv> evicted, final List<Ohlcv> kept) {
        PricePoint reference = state.reference();
        for (final Ohlcv bucket : evicted) {
            reference = PricePoint.later(reference, bucket.close());
        }
        Ohlcv remaining = null;
        for (final Ohlcv bucket : kept) {
            remaining = Ohlcv.merge(remaining, bucket);
        }
        return new TickerState(timeMs, remaining, reference, state.bestBidPaise(), state.bestAskPaise());
    }
}
