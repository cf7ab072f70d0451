package io.bourse.matching.core;

/**
 * A read-only view of an order inside a book. Listeners receive the book's own objects: read
 * what you need during the callback and do not keep the reference, the book mutates it later.
 *
 * <p>Always {@code quantityShares = filledQuantityShares + remainingQuantityShares +
 * cancelledQuantityShares}; a terminal order has {@code remainingQuantityShares = 0}.
 */
public interface BookOrder {

    String orderId();

    String userId();

    Side side();

    OrderType type();

    TimeInForce timeInForce();

    /** The limit price; {@link NewOrder#NO_PRICE} for a MARKET order. */
    long pricePaise();

    /** The ordered quantity, as last amended. */
    long quantityShares();

    long filledQuantityShares();

    /** Quantity removed without a fill: cancelled, expired or decremented by self-trade prevention. */
    long cancelledQuantityShares();

    /** What is still open. */
    default long remainingQuantityShares() {
        return quantityShares() - filledQuantityShares() - cancelledQuantityShares();
    }

    /** Time priority: lower arrived earlier at its current price. */
    long arrivalSequence();

    boolean postOnly();

    SelfTradePrevention selfTradePrevention();
}
