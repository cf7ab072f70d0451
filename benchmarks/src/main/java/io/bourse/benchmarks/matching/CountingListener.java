package io.bourse.benchmarks.matching;

import io.bourse.matching.core.BookOrder;
import io.bourse.matching.core.MatchingListener;
import io.bourse.matching.core.NewOrder;
import io.bourse.matching.core.Reason;
import io.bourse.matching.core.Side;

/**
 * The cheapest honest consumer of engine events: it reads a field or two of each, as a mapper to
 * Avro would, and folds them into counters, without allocating. {@link #checksum()} depends on
 * every event, so the JIT cannot drop the work that produced them.
 */
public final class CountingListener implements MatchingListener {

    private long trades;
    private long tradedShares;
    private long events;
    private long refused;
    private long checksum;

    public void reset() {
        trades = 0;
        tradedShares = 0;
        events = 0;
        refused = 0;
        checksum = 0;
    }

    public long trades() {
        return trades;
    }

    public long tradedShares() {
        return tradedShares;
    }

    /** Rejections of any command; a generated stream replayed from its own starting state has none. */
    public long refused() {
        return refused;
    }

    public long events() {
        return events;
    }

    public long checksum() {
        return checksum;
    }

    @Override
    public void trade(final long tradeSequence, final BookOrder maker, final BookOrder taker, final long pricePaise,
            final long quantityShares) {
        trades++;
        tradedShares += quantityShares;
        checksum = 31 * checksum + tradeSequence + pricePaise * quantityShares + maker.remainingQuantityShares()
                + taker.remainingQuantityShares();
    }

    @Override
    public void resting(final BookOrder order) {
        events++;
        checksum = 31 * checksum + order.remainingQuantityShares();
    }

    @Override
    public void amended(final BookOrder order, final Reason reason) {
        events++;
        checksum = 31 * checksum + order.pricePaise() + order.remainingQuantityShares();
    }

    @Override
    public void cancelled(final BookOrder order, final Reason reason) {
        events++;
        checksum = 31 * checksum + order.cancelledQuantityShares() + reason.ordinal();
    }

    @Override
    public void expired(final BookOrder order) {
        events++;
        checksum = 31 * checksum + order.cancelledQuantityShares();
    }

    @Override
    public void rejected(final NewOrder order, final Reason reason) {
        refused++;
    }

    @Override
    public void cancelRejected(final String orderId, final String userId, final Reason reason) {
        refused++;
    }

    @Override
    public void amendRejected(final String orderId, final String userId, final Reason reason) {
        refused++;
    }

    @Override
    public void levelChanged(final long bookSequence, final Side side, final long pricePaise, final long quantityShares,
            final int orderCount) {
        events++;
        checksum = 31 * checksum + bookSequence + pricePaise + quantityShares + orderCount;
    }
}
