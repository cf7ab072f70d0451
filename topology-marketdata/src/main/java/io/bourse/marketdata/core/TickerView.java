package io.bourse.marketdata.core;

import java.util.Optional;

/**
 * The 24-hour ticker shown to clients, computed from a {@link TickerState}.
 *
 * <p>{@code changeBasisPoints = change * 10_000 / reference}, rounded half away from zero with
 * integer arithmetic (e.g. +0.005% → 1 bp, −0.015% → −2 bp); 0 when the reference is not positive.
 *
 * @param bestBidPaise {@code null} when there are no bids
 * @param bestAskPaise {@code null} when there are no asks
 * @param timeMs the instant the window ends at
 */
public record TickerView(long lastPricePaise, long referencePricePaise, long changePaise, long changeBasisPoints,
        long highPricePaise, long lowPricePaise, long volumeShares, long turnoverPaise, long tradeCount,
        Long bestBidPaise, Long bestAskPaise, long timeMs) {

    /** The ticker of {@code state}, empty until the symbol has traded. */
    public static Optional<TickerView> of(final TickerState state) {
        if (!state.hasTrade()) {
            return Optional.empty();
        }
        final Ohlcv window = state.window();
        final PricePoint reference = state.reference();
        final long last = window != null ? window.close().pricePaise() : reference.pricePaise();
        final long referencePrice = reference != null ? reference.pricePaise() : window.open().pricePaise();
        final long change = last - referencePrice;
        return Optional.of(new TickerView(last, referencePrice, change, basisPoints(change, referencePrice),
                window != null ? window.highPricePaise() : last,
                window != null ? window.lowPricePaise() : last,
                window != null ? window.volumeShares() : 0,
                window != null ? window.turnoverPaise() : 0,
                window != null ? window.tradeCount() : 0,
                state.bestBidPaise(), state.bestAskPaise(), state.nowMs()));
    }

    /** {@code change / reference} in basis points, rounded half away from zero. */
    public static long basisPoints(final long changePaise, final long referencePaise) {
        if (referencePaise <= 0) {
            return 0;
        }
        final long scaled = Math.multiplyExact(changePaise, 10_000L);
        final long quotient = scaled / referencePaise;
        final long remainder = Math.abs(scaled % referencePaise);
        return remainder * 2 >= referencePaise ? quotient + Long.signum(scaled) : quotient;
    }
}
