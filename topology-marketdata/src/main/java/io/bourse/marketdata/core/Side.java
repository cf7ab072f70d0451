package io.bourse.marketdata.core;

/** Side of a trade's aggressor or of a book level: BUY (bids) or SELL (asks). */
public enum Side {
    BUY,
    SELL
}
