package io.bourse.portfolio.core;

/** OPEN while matching may still fill the order; the rest are terminal. */
public enum OrderStatus {
    OPEN,
    REJECTED,
    CANCELLED,
    EXPIRED,
    FILLED;

    public boolean terminal() {
        return this != OPEN;
    }
}
