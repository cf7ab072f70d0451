package io.bourse.matching.core;

/**
 * What a {@link MatchingEngine} needs besides its resting orders to resume exactly where it was.
 *
 * @param lastTradePricePaise the reference price for the band, {@link NewOrder#NO_PRICE} before the first trade
 * @param lastArrivalSequence the time priority last handed out
 * @param lastTradeSequence the trade id sequence, 0 before the first trade
 * @param lastBookSequence the book-update sequence, 0 before the first change
 */
public record EngineState(TradingStatus status, long lastTradePricePaise, long lastArrivalSequence,
        long lastTradeSequence, long lastBookSequence) {

    public static final EngineState INITIAL = new EngineState(TradingStatus.TRADING, NewOrder.NO_PRICE, 0, 0, 0);
}
