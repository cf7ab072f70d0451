package io.bourse.matching.core;

/** What an {@link OrderBook} reports while it executes one command, in the order it happens. */
public interface BookListener {

    /** A trade at the maker's price; both orders' fills are already applied. */
    void trade(BookOrder maker, BookOrder taker, long pricePaise, long quantityShares);

    /** The order now rests in the book. */
    void resting(BookOrder order);

    /** An amend took effect, or self-trade prevention reduced a resting order ({@code reason} set). */
    void amended(BookOrder order, Reason reason);

    /** The order left the book, or will never enter it, with its remaining quantity cancelled. */
    void cancelled(BookOrder order, Reason reason);

    /** A DAY order ended with the session. */
    void expired(BookOrder order);

    /** The aggregate quantity or order count of a level changed. */
    void levelTouched(Side side, long pricePaise);
}
