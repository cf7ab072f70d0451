package io.bourse.matching.core;

/**
 * Why an order was rejected, cancelled or expired. The names are the stable reason codes of the
 * event model ({@code ReasonCode} in Avro), so mapping is by name.
 */
public enum Reason {
    UNKNOWN_SYMBOL,
    INSTRUMENT_HALTED,
    INSTRUMENT_CLOSED,
    INVALID_PRICE_TICK,
    INVALID_QUANTITY_LOT,
    QUANTITY_OUT_OF_RANGE,
    INVALID_PRICE,
    PRICE_OUTSIDE_BAND,
    POST_ONLY_WOULD_TAKE,
    FOK_NOT_FILLABLE,
    NO_LIQUIDITY,
    SELF_TRADE_PREVENTED,
    UNKNOWN_ORDER,
    ORDER_NOT_OPEN,
    DUPLICATE_ORDER_ID,
    NOT_ORDER_OWNER,
    USER_CANCELLED,
    IOC_REMAINDER_CANCELLED,
    MARKET_REMAINDER_CANCELLED,
    SESSION_CLOSED,
    ADMIN_CANCELLED,
    INVALID_ORDER
}
