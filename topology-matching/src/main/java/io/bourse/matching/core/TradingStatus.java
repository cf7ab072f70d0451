package io.bourse.matching.core;

/** TRADING accepts everything; HALTED and CLOSED accept cancels only. */
public enum TradingStatus {
    TRADING,
    HALTED,
    CLOSED
}
