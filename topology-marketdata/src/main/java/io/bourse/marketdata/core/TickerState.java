package io.bourse.marketdata.core;

/**
 * One symbol's rolling 24-hour ticker state (see {@link RollingTicker} for the window definition).
 *
 * @param nowMs the latest event time seen for the symbol (trade or quote), {@link Long#MIN_VALUE} if none;
 *              the window ends at this instant
 * @param window aggregate of the trades inside the window, {@code null} if there are none
 * @param reference the latest trade before the window, {@code null} if none is known
 * @param bestBidPaise best bid from the depth, {@code null} when there are no bids
 * @param bestAskPaise best ask from the depth, {@code null} when there are no asks
 */
public record TickerState(long nowMs, Ohlcv window, PricePoint reference, Long bestBidPaise, Long bestAskPaise) {

    /** Nothing seen yet. */
    public static final TickerState EMPTY = new TickerState(Long.MIN_VALUE, null, null, null, null);

    /** Whether any trade of the symbol was ever taken, i.e. whether there is a ticker to show. */
    public boolean hasTrade() {
        return window != null || reference != null;
    }

    TickerState withNow(final long newNowMs) {
        return new TickerState(newNowMs, window, reference, bestBidPaise, bestAskPaise);
    }

    TickerState withWindow(final Ohlcv newWindow) {
        return new TickerState(nowMs, newWindow, reference, bestBidPaise, bestAskPaise);
    }

    TickerState withReference(final PricePoint newReference) {
        return new TickerState(nowMs, window, newReference, bestBidPaise, bestAskPaise);
    }

    TickerState withQuotes(final Long bidPaise, final Long askPaise) {
        return new TickerState(nowMs, window, reference, bidPaise, askPaise);
    }
}
