package io.bourse.portfolio.topology;

import io.bourse.avro.common.Liquidity;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.portfolio.core.OrderAccount;
import io.bourse.portfolio.core.OrderAccounting;
import io.bourse.portfolio.core.OrderStatus;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code settle-results}: applies each matching result to the user's balances — fills move cash and
 * shares and charge fees, every step releases what the order no longer needs, terminal results
 * release the rest — and only then publishes the user-facing event, so a client never sees a fill
 * before its balance shows it. Results are settled ahead of waiting commands ({@link ResultsFirst}).
 */
final class SettlementProcessor extends PortfolioProcessor<MatchingResult> {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementProcessor.class);

    /** The engine's time, which the record's source ranks an hour early ({@link ResultsFirst}). */
    @Override
    Instant time(final Record<String, MatchingResult> record) {
        return record.value().getTimestampMs();
    }

    @Override
    void handle(final String userId, final MatchingResult result, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final PortfolioOrderSnapshot stored = repo.order(userId, result.getOrderId());
        if (stored == null) {
            if (result.getType() == io.bourse.avro.matching.MatchingResultType.CANCEL_REJECTED
                    || result.getType() == io.bourse.avro.matching.MatchingResultType.AMEND_REJECTED) {
                scope.orderEvent(PortfolioMapping.unknownOrder(OrderEventType.valueOf(result.getType().name()), userId,
                        result.getOrderId(), result.getReasonCode()));
            } else {
                LOG.warn("Matching result {} for order {} of {} that the portfolio does not know; ignored",
                        result.getResultId(), result.getOrderId(), userId);
            }
            return;
        }
        final OrderAccounting accounting = scope.accounting;
        final OrderAccount before = PortfolioMapping.account(stored);
        ReasonCode reason = result.getReasonCode();
        final OrderAccount after;
        final OrderEventType type;
        switch (result.getType()) {
            case RESTING -> {
                after = accounting.progress(before, result.getQuantityShares(), result.getRemainingQuantityShares());
                type = OrderEventType.RESTING;
            }
            case FILL -> {
                after = accounting.fill(before, result.getTradeId(), result.getFillPricePaise(), result.getFillQuantityShares(),
                        result.getLiquidity() == Liquidity.MAKER, result.getFilledQuantityShares(),
                        result.getRemainingQuantityShares());
                type = OrderEventType.FILL;
            }
            case AMENDED -> {
                after = reason != null
                        ? accounting.progress(before, result.getQuantityShares(), result.getRemainingQuantityShares())
                        : accounting.amended(before, result.getLimitPricePaise() == null ? 0 : result.getLimitPricePaise(),
                                result.getQuantityShares(), result.getRemainingQuantityShares());
                type = OrderEventType.AMENDED;
            }
            case AMEND_REJECTED -> {
                after = accounting.amendRefused(before);
                type = OrderEventType.AMEND_REJECTED;
                reason = notOpenIfGone(reason);
            }
            case CANCEL_REJECTED -> {
                after = before;
                type = OrderEventType.CANCEL_REJECTED;
                reason = notOpenIfGone(reason);
            }
            case CANCELLED -> {
                after = accounting.end(before, OrderStatus.CANCELLED);
                type = OrderEventType.CANCELLED;
            }
            case EXPIRED -> {
                after = accounting.end(before, OrderStatus.EXPIRED);
                type = OrderEventType.EXPIRED;
            }
            case REJECTED -> {
                after = accounting.end(before, OrderStatus.REJECTED);
                type = OrderEventType.REJECTED;
            }
            default -> {
                LOG.warn("Ignoring matching result {} of unknown type {}", result.getResultId(), result.getType());
                return;
            }
        }
        final PortfolioOrderSnapshot saved = PortfolioMapping.snapshot(stored, after,
                type == OrderEventType.AMEND_REJECTED || type == OrderEventType.CANCEL_REJECTED ? null : reason, scope.timestamp());
        repo.saveOrder(saved);
        if (type == OrderEventType.FILL) {
            scope.orderEvent(PortfolioMapping.event(OrderEventType.FILL, saved)
                    .setTradeId(result.getTradeId())
                    .setFillPricePaise(result.getFillPricePaise())
                    .setFillQuantityShares(result.getFillQuantityShares())
                    .setLiquidity(result.getLiquidity())
                    .setFeePaise(after.feesPaidPaise() - before.feesPaidPaise()));
            if (after.status() == OrderStatus.FILLED) {
                scope.orderEvent(PortfolioMapping.event(OrderEventType.FILLED, saved));
            }
            return;
        }
        scope.orderEvent(PortfolioMapping.event(type, saved).setReasonCode(reason));
    }

    /**
     * Matching no longer knowing an order this user does own means it filled or expired while the
     * request travelled: the answer is that it is not open, not that there is no such order.
     */
    private static ReasonCode notOpenIfGone(final ReasonCode reason) {
        return reason == ReasonCode.UNKNOWN_ORDER ? ReasonCode.ORDER_NOT_OPEN : reason;
    }
}
