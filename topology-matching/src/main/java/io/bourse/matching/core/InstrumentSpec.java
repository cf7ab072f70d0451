package io.bourse.matching.core;

import java.util.Objects;

/**
 * The trading rules of one symbol.
 *
 * @param tickSizePaise prices are multiples of it
 * @param lotSizeShares quantities are multiples of it
 * @param basePricePaise the reference price before the first trade
 * @param priceBandBasisPoints limit prices must lie within ± this many basis points of the
 *     reference price (last trade, else base price); market orders never fill beyond it
 */
public record InstrumentSpec(String symbol, long tickSizePaise, long lotSizeShares, long minQuantityShares,
        long maxQuantityShares, long basePricePaise, int priceBandBasisPoints) {

    public InstrumentSpec {
        Objects.requireNonNull(symbol, "symbol");
        if (tickSizePaise <= 0 || lotSizeShares <= 0 || basePricePaise <= 0) {
            throw new IllegalArgumentException("tick, lot and base price must be positive: " + symbol);
        }
        if (minQuantityShares <= 0 || maxQuantityShares < minQuantityShares) {
            throw new IllegalArgumentException("need 0 < min <= max quantity: " + symbol);
        }
        if (priceBandBasisPoints <= 0 || priceBandBasisPoints >= 10_000) {
            throw new IllegalArgumentException("price band must be in (0, 10000) basis points: " + symbol);
        }
    }

    /** Lowest allowed price around {@code referencePaise}, on the tick grid (rounded up). */
    public long lowerBandPaise(final long referencePaise) {
        final long raw = ceilDiv(referencePaise * (10_000 - priceBandBasisPoints), 10_000);
        return Math.max(tickSizePaise, ceilDiv(raw, tickSizePaise) * tickSizePaise);
    }

    /** Highest allowed price around {@code referencePaise}, on the tick grid (rounded down). */
    public long upperBandPaise(final long referencePaise) {
        final long raw = referencePaise * (10_000 + priceBandBasisPoints) / 10_000;
        return raw / tickSizePaise * tickSizePaise;
    }

    private static long ceilDiv(final long a, final long b) {
        return -Math.floorDiv(-a, b);
    }
}
