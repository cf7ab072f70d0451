package io.bourse.marketdata.core;

/**
 * A trade price at a moment. Points are ordered by time, then by trade sequence, so "first" and
 * "last" trades are well defined even when trades arrive out of time order.
 */
public record PricePoint(long pricePaise, long timeMs, long sequence) implements Comparable<PricePoint> {

    @Override
    public int compareTo(final PricePoint other) {
        final int byTime = Long.compare(timeMs, other.timeMs);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    /** The earlier of two points; {@code null} counts as absent. */
    public static PricePoint earlier(final PricePoint a, final PricePoint b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    /** The later of two points; {@code null} counts as absent. */
    public static PricePoint later(final PricePoint a, final PricePoint b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
