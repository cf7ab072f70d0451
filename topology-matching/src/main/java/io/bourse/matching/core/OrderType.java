package io.bourse.matching.core;

/** LIMIT rests at its price; MARKET takes what the price band allows and never rests. */
public enum OrderType {
    LIMIT,
    MARKET
}
