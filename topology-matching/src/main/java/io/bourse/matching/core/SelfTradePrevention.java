package io.bourse.matching.core;

/**
 * What happens when an incoming order would trade with a resting order of the same user. The
 * incoming order's mode decides. No mode ever produces a trade between one user's orders.
 */
public enum SelfTradePrevention {
    /** Cancel the rest of the incoming order; the resting one stays. */
    CANCEL_NEWEST,
    /** Cancel the resting order and keep matching the incoming one. */
    CANCEL_OLDEST,
    /** Cancel both. */
    CANCEL_BOTH,
    /** Reduce both by the smaller quantity without a trade; cancel whichever reaches zero. */
    DECREMENT_AND_CANCEL
}
