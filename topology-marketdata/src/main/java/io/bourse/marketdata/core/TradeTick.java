package io.bourse.marketdata.core;

/**
 * The part of an executed trade the aggregations need.
 *
 * @param sequence per-symbol trade sequence, strictly increasing in the order matching executed them
 * @param timeMs execution time, epoch milliseconds
 * @param pricePaise execution price, positive
 * @param quantityShares executed quantity, positive
 */
public record TradeTick(long sequence, long timeMs, long pricePaise, long quantityShares) {

    public TradeTick {
        if (pricePaise <= 0 || quantityShares <= 0) {
            throw new IllegalArgumentException("price and quantity must be positive: " + pricePaise + " x " + quantityShares);
        }
    }

    /** Price times quantity, in paise; throws on overflow rather than wrap. */
    public long turnoverPaise() {
        return Math.multiplyExact(pricePaise, quantityShares);
    }

    /** This trade as a point in time with its price. */
    public PricePoint point() {
        return new PricePoint(pricePaise, timeMs, sequence);
    }
}
