package io.bourse.matching.core;

import java.util.Objects;

/**
 * An order as it arrives at the book, already accepted by the portfolio (funds reserved).
 *
 * @param limitPricePaise the limit price; {@link #NO_PRICE} for a MARKET order
 * @param quantityShares the ordered quantity, on the lot grid
 */
public record NewOrder(String orderId, String userId, Side side, OrderType type, TimeInForce timeInForce,
        long limitPricePaise, long quantityShares, boolean postOnly, SelfTradePrevention selfTradePrevention) {

    /** The price of an order that has none (MARKET). Real prices are positive. */
    public static final long NO_PRICE = 0L;

    public NewOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
    }
}
