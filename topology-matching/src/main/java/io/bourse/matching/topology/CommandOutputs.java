package io.bourse.matching.topology;

import io.bourse.avro.matching.BookUpdate;
import io.bourse.avro.matching.LevelChange;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.matching.Trade;
import io.bourse.matching.core.BookOrder;
import io.bourse.matching.core.MatchingListener;
import io.bourse.matching.core.NewOrder;
import io.bourse.matching.core.Reason;
import io.bourse.matching.core.Side;
import io.bourse.matching.core.TradingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects what one command produced, as Avro records ready to forward: per-order results (key
 * user), trades, one book update with every changed level, and the ids of orders whose stored state
 * must be written.
 */
final class CommandOutputs implements MatchingListener {

    private final String symbol;
    private final String commandId;
    private final Instant timestamp;
    private final SymbolSession session;
    final List<MatchingResult> results = new ArrayList<>();
    final List<Trade> trades = new ArrayList<>();
    final List<LevelChange> levels = new ArrayList<>();
    final Set<String> touchedOrders = new LinkedHashSet<>();
    long bookSequence;
    boolean statusChanged;

    CommandOutputs(final String symbol, final String commandId, final Instant timestamp, final SymbolSession session) {
        this.symbol = symbol;
        this.commandId = commandId;
        this.timestamp = timestamp;
        this.session = session;
    }

    @Override
    public void trade(final long tradeSequence, final BookOrder maker, final BookOrder taker, final long pricePaise,
            final long quantityShares) {
        final String tradeId = symbol + "-" + tradeSequence;
        trades.add(AvroMapping.trade(symbol, tradeSequence, tradeId, maker, taker, pricePaise, quantityShares, timestamp));
        add(AvroMapping.fill(maker, symbol, tradeId, pricePaise, quantityShares, true, timestamp));
        add(AvroMapping.fill(taker, symbol, tradeId, pricePaise, quantityShares, false, timestamp));
        touchedOrders.add(maker.orderId());
        touchedOrders.add(taker.orderId());
    }

    @Override
    public void resting(final BookOrder order) {
        add(AvroMapping.result(MatchingResultType.RESTING, order, symbol, timestamp));
        touchedOrders.add(order.orderId());
    }

    @Override
    public void amended(final BookOrder order, final Reason reason) {
        add(AvroMapping.result(MatchingResultType.AMENDED, order, symbol, timestamp).setReasonCode(AvroMapping.reason(reason)));
        touchedOrders.add(order.orderId());
    }

    @Override
    public void cancelled(final BookOrder order, final Reason reason) {
        add(AvroMapping.result(MatchingResultType.CANCELLED, order, symbol, timestamp).setReasonCode(AvroMapping.reason(reason)));
        touchedOrders.add(order.orderId());
    }

    @Override
    public void expired(final BookOrder order) {
        add(AvroMapping.result(MatchingResultType.EXPIRED, order, symbol, timestamp)
                .setReasonCode(AvroMapping.reason(Reason.SESSION_CLOSED)));
        touchedOrders.add(order.orderId());
    }

    @Override
    public void rejected(final NewOrder order, final Reason reason) {
        add(AvroMapping.rejected(order, symbol, reason, timestamp));
    }

    @Override
    public void cancelRejected(final String orderId, final String userId, final Reason reason) {
        add(AvroMapping.refused(MatchingResultType.CANCEL_REJECTED, orderId, userId, ownOrder(orderId), symbol, reason,
                timestamp));
    }

    @Override
    public void amendRejected(final String orderId, final String userId, final Reason reason) {
        add(AvroMapping.refused(MatchingResultType.AMEND_REJECTED, orderId, userId, ownOrder(orderId), symbol, reason,
                timestamp));
    }

    @Override
    public void levelChanged(final long sequence, final Side side, final long pricePaise, final long quantityShares,
            final int orderCount) {
        bookSequence = sequence;
        levels.add(LevelChange.newBuilder()
                .setSide(io.bourse.avro.common.Side.valueOf(side.name()))
                .setPricePaise(pricePaise)
                .setQuantityShares(quantityShares)
                .setOrderCount(orderCount)
                .build());
    }

    @Override
    public void statusChanged(final TradingStatus status) {
        statusChanged = true;
    }

    /**
     * Marks, for every order this command touched, its last result as {@code lastOfCommand}: a
     * client waiting for the engine's verdict on its request knows the verdict is complete there.
     */
    void markLastResultPerOrder() {
        final Set<String> seen = new HashSet<>();
        for (int i = results.size() - 1; i >= 0; i--) {
            final MatchingResult result = results.get(i);
            if (seen.add(result.getOrderId())) {
                result.setLastOfCommand(true);
            }
        }
    }

    /** The command's book update, or {@code null} when no level changed. */
    BookUpdate bookUpdate() {
        if (levels.isEmpty()) {
            return null;
        }
        return BookUpdate.newBuilder()
                .setSymbol(symbol)
                .setSequence(bookSequence)
                .setTimestampMs(timestamp)
                .setLevels(List.copyOf(levels))
                .build();
    }

    private BookOrder ownOrder(final String orderId) {
        return session == null ? null : session.engine().book().find(orderId);
    }

    private void add(final MatchingResult.Builder result) {
        final long sequence = session == null ? 0 : session.nextResultSequence();
        results.add(result
                .setSequence(sequence)
                .setResultId(session == null ? commandId + "-rejected" : symbol + "-" + sequence)
                .setCommandId(commandId)
                .build());
    }
}
