package io.bourse.matching.core;

/**
 * GTC rests until cancelled; DAY expires at the session close; IOC cancels what does not fill at
 * once; FOK fills completely at once or not at all, leaving the book untouched.
 */
public enum TimeInForce {
    GTC,
    DAY,
    IOC,
    FOK
}
