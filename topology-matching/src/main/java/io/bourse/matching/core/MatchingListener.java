package io.bourse.matching.core;

/**
 * Everything one command did to a symbol, in order. Order views follow {@link BookOrder}'s rule:
 * read during the callback, do not keep.
 */
public interface MatchingListener {

    /** A trade; {@code maker} and {@code taker} already show the fill. */
    void trade(long tradeSequence, BookOrder maker, BookOrder taker, long pricePaise, long quantityShares);

    void resting(BookOrder order);

    /** An amend took effect; {@code reason} is set when self-trade prevention reduced the order. */
    void amended(BookOrder order, Reason reason);

    /** The order ended with its open quantity cancelled. */
    void cancelled(BookOrder order, Reason reason);

    /** A DAY order ended with the session. */
    void expired(BookOrder order);

    /** A new order refused without effect. */
    void rejected(NewOrder order, Reason reason);

    void cancelRejected(String orderId, String userId, Reason reason);

    void amendRejected(String orderId, String userId, Reason reason);

    /**
     * A level's new aggregate after the command ({@code quantityShares = 0} removes it). All changes of
     * one command share {@code bookSequence}, which increases by one per command that changed the book.
     */
    void levelChanged(long bookSequence, Side side, long pricePaise, long quantityShares, int orderCount);

    /** The trading status changed (halt, resume, session close). */
    default void statusChanged(final TradingStatus status) {
    }
}
