package io.bourse.portfolio.core;

/**
 * The portfolio's account of one order: its terms, its progress as matching reported it, and what
 * is still reserved for it. Immutable; every change returns a copy.
 *
 * @param limitPricePaise 0 for a market order
 * @param openQuantityShares what matching last reported as still in the book
 * @param notionalCapPaise for a market buy, the most its fills may cost before fees; else 0
 * @param pendingPricePaise terms of an amend sent to matching and not yet answered; 0 when none
 * @param pendingQuantityShares likewise; 0 when none
 */
public record OrderAccount(String orderId, String userId, String symbol, boolean buy, boolean market,
        long limitPricePaise, long quantityShares, long filledQuantityShares, long openQuantityShares,
        long filledNotionalPaise, long feesPaidPaise, long reservedPaise, long reservedShares,
        int makerFeeBasisPoints, int takerFeeBasisPoints, long notionalCapPaise,
        long pendingPricePaise, long pendingQuantityShares, OrderStatus status) {

    public OrderAccount {
        if (reservedPaise < 0 || reservedShares < 0) {
            throw new IllegalStateException("negative reservation on order " + orderId);
        }
    }

    public int maxFeeBasisPoints() {
        return Math.max(makerFeeBasisPoints, takerFeeBasisPoints);
    }

    public boolean amendPending() {
        return pendingQuantityShares != 0 || pendingPricePaise != 0;
    }

    /** Quantity no longer in play: filled, or removed by self-trade prevention. */
    public long closedQuantityShares() {
        return quantityShares - openQuantityShares;
    }

    OrderAccount withReserved(final long paise, final long shares) {
        return new OrderAccount(orderId, userId, symbol, buy, market, limitPricePaise, quantityShares, filledQuantityShares,
                openQuantityShares, filledNotionalPaise, feesPaidPaise, paise, shares, makerFeeBasisPoints,
                takerFeeBasisPoints, notionalCapPaise, pendingPricePaise, pendingQuantityShares, status);
    }

    OrderAccount withNotionalCap(final long capPaise) {
        return new OrderAccount(orderId, userId, symbol, buy, market, limitPricePaise, quantityShares, filledQuantityShares,
                openQuantityShares, filledNotionalPaise, feesPaidPaise, reservedPaise, reservedShares, makerFeeBasisPoints,
                takerFeeBasisPoints, capPaise, pendingPricePaise, pendingQuantityShares, status);
    }

    OrderAccount withProgress(final long quantity, final long filled, final long open, final long notional, final long fees,
            final OrderStatus newStatus) {
        return new OrderAccount(orderId, userId, symbol, buy, market, limitPricePaise, quantity, filled, open, notional, fees,
                reservedPaise, reservedShares, makerFeeBasisPoints, takerFeeBasisPoints, notionalCapPaise,
                pendingPricePaise, pendingQuantityShares, newStatus);
    }

    OrderAccount withTerms(final long price, final long quantity, final long open) {
        return new OrderAccount(orderId, userId, symbol, buy, market, price, quantity, filledQuantityShares, open,
                filledNotionalPaise, feesPaidPaise, reservedPaise, reservedShares, makerFeeBasisPoints, takerFeeBasisPoints,
                notionalCapPaise, 0, 0, status);
    }

    OrderAccount withPending(final long price, final long quantity) {
        return new OrderAccount(orderId, userId, symbol, buy, market, limitPricePaise, quantityShares, filledQuantityShares,
                openQuantityShares, filledNotionalPaise, feesPaidPaise, reservedPaise, reservedShares, makerFeeBasisPoints,
                takerFeeBasisPoints, notionalCapPaise, price, quantity, status);
    }
}
