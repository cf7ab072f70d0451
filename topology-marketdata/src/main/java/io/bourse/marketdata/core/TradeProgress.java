package io.bourse.marketdata.core;

/**
 * What has been seen of one symbol's trades: the last trade sequence, the latest trade time (the
 * symbol's watermark for candle lateness) and how many trades were taken.
 *
 * <p>Matching numbers a symbol's trades with a strictly increasing sequence and writes them in
 * that order, so a trade whose sequence is not above {@link #lastSequence} is a duplicate (a replay
 * by a producer outside the transaction) and must not be counted twice. The watermark is per symbol,
 * not Kafka Streams' per-task stream time, so lateness does not depend on which symbols happen to
 * share a partition.
 */
public record TradeProgress(long lastSequence, long watermarkMs, long tradeCount) {

    /** Nothing seen yet. */
    public static final TradeProgress NONE = new TradeProgress(Long.MIN_VALUE, Long.MIN_VALUE, 0);

    /** Whether {@code trade} was already taken (or is older than one that was). */
    public boolean isDuplicate(final TradeTick trade) {
        return trade.sequence() <= lastSequence;
    }

    /** The progress after taking {@code trade}, which must not be a duplicate. */
    public TradeProgress accept(final TradeTick trade) {
        if (isDuplicate(trade)) {
            throw new IllegalStateException("duplicate trade sequence " + trade.sequence() + " <= " + lastSequence);
        }
        return new TradeProgress(trade.sequence(), Math.max(watermarkMs, trade.timeMs()), tradeCount + 1);
    }
}
