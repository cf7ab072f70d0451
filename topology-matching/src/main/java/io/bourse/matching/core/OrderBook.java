package io.bourse.matching.core;

import java.util.List;

/**
 * One symbol's resting orders with price-time priority: a better price first, then the earlier
 * arrival. Commands never leave the book crossed (best bid &lt; best ask at rest), and an order
 * never trades with another order of the same user.
 *
 * <p>The book checks only what needs the book (duplicate ids, ownership, post-only, FOK
 * fillability); tick, lot, band and trading status are the {@link MatchingEngine}'s. Rejections
 * are returned as a {@link Reason} and leave the book and the listener untouched. Implementations
 * are single-threaded and deterministic: the same commands give the same events.
 */
public interface OrderBook {

    /**
     * Matches {@code order} and rests, cancels or fills it according to its type and time in force.
     *
     * @param arrivalSequence its time priority, increasing across commands
     * @param matchLimitPaise the worst price it may trade at: the limit price, or for a MARKET
     *     order the edge of the price band
     * @param lotSizeShares the lot: a notional cap ({@link NewOrder#maxNotionalPaise()}) never
     *     leaves a fill off the lot grid
     * @return {@code null}, or why it was rejected without any effect
     */
    Reason place(NewOrder order, long arrivalSequence, long matchLimitPaise, long lotSizeShares, BookListener listener);

    /** @return {@code null}, or why nothing was cancelled */
    Reason cancel(String orderId, String userId, Reason reason, BookListener listener);

    /**
     * Changes a resting order's price or total quantity. Reducing the quantity at the same price keeps
     * its priority; a new price or a larger quantity re-queues it with {@code arrivalSequence}, and at
     * a crossing price it trades like an incoming order. Events: {@code amended} with the new terms;
     * after a re-queue, any trades or self-trade outcomes, then {@code resting} with the final state
     * if it still rests.
     *
     * @param newPricePaise the new limit price, or the current one
     * @param newQuantityShares the new total ordered quantity (including what has filled), or the current one
     * @return {@code null}, or why nothing changed
     */
    Reason amend(String orderId, long newPricePaise, long newQuantityShares, long arrivalSequence, BookListener listener);

    /** Expires every DAY order, oldest arrival first. */
    void expireDayOrders(BookListener listener);

    /** Puts a previously resting order back as it was, without matching; call in arrival order. */
    void restore(BookOrder order);

    /** The open order with this id, or {@code null}. */
    BookOrder find(String orderId);

    /** The best price on {@code side}, or {@link NewOrder#NO_PRICE} when that side is empty. */
    long bestPrice(Side side);

    /** Aggregate open quantity at a level (0 when there is none). */
    long levelQuantity(Side side, long pricePaise);

    /** Number of orders at a level (0 when there is none). */
    int levelOrderCount(Side side, long pricePaise);

    /** The best {@code maxLevels} levels of {@code side}, best first. */
    void forEachLevel(Side side, int maxLevels, LevelConsumer consumer);

    /** The open orders of {@code side} in priority order. */
    List<BookOrder> orders(Side side);

    int orderCount();
}
