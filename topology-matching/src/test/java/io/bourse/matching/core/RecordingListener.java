package io.bourse.matching.core;

import java.util.ArrayList;
import java.util.List;

/** Writes every engine event down as a line that names every field, for exact comparisons. */
final class RecordingListener implements MatchingListener {

    final List<String> events = new ArrayList<>();
    final List<long[]> trades = new ArrayList<>();

    @Override
    public void trade(final long tradeSequence, final BookOrder maker, final BookOrder taker, final long pricePaise,
            final long quantityShares) {
        events.add("TRADE #" + tradeSequence + " " + quantityShares + "@" + pricePaise + " maker[" + describe(maker)
                + "] taker[" + describe(taker) + "]");
    }

    @Override
    public void resting(final BookOrder order) {
        events.add("RESTING " + describe(order));
    }

    @Override
    public void amended(final BookOrder order, final Reason reason) {
        events.add("AMENDED " + describe(order) + (reason == null ? "" : " " + reason));
    }

    @Override
    public void cancelled(final BookOrder order, final Reason reason) {
        events.add("CANCELLED " + describe(order) + " " + reason);
    }

    @Override
    public void expired(final BookOrder order) {
        events.add("EXPIRED " + describe(order));
    }

    @Override
    public void rejected(final NewOrder order, final Reason reason) {
        events.add("REJECTED " + order.orderId() + " " + reason);
    }

    @Override
    public void cancelRejected(final String orderId, final String userId, final Reason reason) {
        events.add("CANCEL_REJECTED " + orderId + " " + reason);
    }

    @Override
    public void amendRejected(final String orderId, final String userId, final Reason reason) {
        events.add("AMEND_REJECTED " + orderId + " " + reason);
    }

    @Override
    public void levelChanged(final long bookSequence, final Side side, final long pricePaise, final long quantityShares,
            final int orderCount) {
        events.add("LEVEL #" + bookSequence + " " + side + " " + pricePaise + " " + quantityShares + "/" + orderCount);
    }

    @Override
    public void statusChanged(final TradingStatus status) {
        events.add("STATUS " + status);
    }

    List<String> drain() {
        final List<String> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    static String describe(final BookOrder o) {
        return o.orderId() + " " + o.userId() + " " + o.side() + " " + o.type() + " " + o.timeInForce() + " p=" + o.pricePaise()
                + " q=" + o.quantityShares() + " f=" + o.filledQuantityShares() + " c=" + o.cancelledQuantityShares()
                + " r=" + o.remainingQuantityShares() + " seq=" + o.arrivalSequence();
    }
}
