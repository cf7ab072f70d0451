package io.bourse.matching.core;

import java.util.Objects;

/**
 * An order as it arrives at the book, already accepted by the portfolio (funds reserved).
 *
 * @param limitPricePaise the limit price; {@link #NO_PRICE} for a MARKET order
 * @param quantityShares the ordered quantity, on the lot grid
 * @param maxNotionalPaise for a MARKET buy, the most it may spend (Σ price × quantity of its fills),
 *     i.e. the cash the portfolio reserved for it; {@link #NO_LIMIT} otherwise
 */
public record NewOrder(String orderId, String userId, Side side, OrderType type, TimeInForce timeInForce,
        long limitPricePaise, long quantityShares, boolean postOnly, SelfTradePrevention selfTradePrevention,
        long maxNotionalPaise) {

    /** No notional cap. */
    public static final long NO_LIMIT = 0L;

    /** The price of an order that has none (MARKET). Real prices are positive. */
    public static final long NO_PRICE = 0L;

    public NewOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
        if (maxNotionalPaise < 0) {
            throw new IllegalArgumentException("maxNotionalPaise must not be negative: " + maxNotionalPaise);
        }
    }

    /** An order without a notional cap. */
    public NewOrder(final String orderId, final String userId, final Side side, final OrderType type,
            final TimeInForce timeInForce, final long limitPricePaise, final long quantityShares, final boolean postOnly,
            final SelfTradePrevention selfTradePrevention) {
        this(orderId, userId, side, type, timeInForce, limitPricePaise, quantityShares, postOnly, selfTradePrevention, NO_LIMIT);
    }
}
