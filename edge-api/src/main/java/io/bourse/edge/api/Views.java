package io.bourse.edge.api;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderStatus;
import java.util.List;

/** The JSON shapes of the API: prices and amounts as decimal strings in rupees, quantities as integers. */
public final class Views {

    private Views() {
    }

    public record OrderView(String orderId, String clientOrderId, String symbol, String side, String type, String timeInForce,
            String price, long quantity, long filledQuantity, long openQuantity, String averageFillPrice, String fees,
            String status, String reason, String createdAt, String updatedAt) {
    }

    /** One execution of an order, as the engine reported it (the fee follows with settlement). */
    public record FillView(String tradeId, String price, long quantity, String liquidity) {
    }

    /**
     * An order's state at the engine after a request, with the fills the request caused: what a place,
     * cancel or amend answers. {@code status} is RESTING, PARTIALLY_FILLED, FILLED, CANCELLED or
     * EXPIRED; {@code reason} says why an order ended without filling completely.
     */
    public record OrderStateView(String orderId, String symbol, String side, String type, String timeInForce, String price,
            long quantity, long filledQuantity, long remainingQuantity, String status, String reason, List<FillView> fills,
            String timestamp) {
    }

    /**
     * One engine result, as the private {@code orders} channel pushes it the moment matching commits it:
     * an execution report, ahead of the settlement that moves the balances (the {@code balances}
     * channel shows that).
     */
    public record ExecutionView(String resultId, String type, String status, String orderId, String symbol, String side,
            String orderType, String price, long quantity, long filledQuantity, long remainingQuantity, String tradeId,
            String fillPrice, Long fillQuantity, String liquidity, String reason, String timestamp) {
    }

    public record LedgerView(String entryId, long sequence, String asset, String unit, String availableDelta,
            String reservedDelta, String availableAfter, String reservedAfter, String reason, String orderId, String tradeId,
            String paymentId, String timestamp) {
    }

    /** A payment event as the private {@code payments} channel sends it. */
    public record PaymentEventView(String eventId, String type, String intentId, String withdrawalId, String providerOrderId,
            String providerPaymentId, String amount, String currency, String reason, String timestamp, String destinationId) {
    }

    public static PaymentEventView payment(final PaymentEvent e) {
        return new PaymentEventView(e.getEventId(), e.getType().name(), e.getIntentId(), e.getWithdrawalId(), e.getProviderOrderId(),
                e.getProviderPaymentId(), Money.format(e.getAmountPaise()), e.getCurrency(), e.getReason(), e.getTimestampMs().toString(),
                e.getDestinationId());
    }

    public static OrderView order(final PortfolioOrderSnapshot o) {
        final String average = o.getFilledQuantityShares() == 0 ? null
                : averageRupees(o.getFilledNotionalPaise(), o.getFilledQuantityShares());
        return new OrderView(o.getOrderId(), o.getClientOrderId(), o.getSymbol(), o.getSide().name(), o.getOrderType().name(),
                o.getTimeInForce().name(), Money.formatOrNull(o.getLimitPricePaise()), o.getQuantityShares(),
                o.getFilledQuantityShares(), o.getStatus() == PortfolioOrderStatus.OPEN ? o.getOpenQuantityShares() : 0, average,
                Money.format(o.getFeesPaidPaise()), o.getStatus().name(),
                o.getReasonCode() == null ? null : o.getReasonCode().name(), o.getCreatedAtMs().toString(), o.getUpdatedAtMs().toString());
    }

    /** The order after the engine applied one request: its last result, with the fills among {@code results}. */
    public static OrderStateView orderState(final List<MatchingResult> results) {
        final MatchingResult last = results.get(results.size() - 1);
        final List<FillView> fills = results.stream().filter(r -> r.getType() == MatchingResultType.FILL)
                .map(r -> new FillView(r.getTradeId(), Money.format(r.getFillPricePaise()), r.getFillQuantityShares(),
                        r.getLiquidity().name()))
                .toList();
        return new OrderStateView(last.getOrderId(), last.getSymbol(), last.getSide().name(), last.getOrderType().name(),
                last.getTimeInForce().name(), Money.formatOrNull(last.getLimitPricePaise()), last.getQuantityShares(),
                last.getFilledQuantityShares(), last.getRemainingQuantityShares(), status(last),
                last.getReasonCode() == null ? null : last.getReasonCode().name(), fills, last.getTimestampMs().toString());
    }

    public static ExecutionView execution(final MatchingResult r) {
        return new ExecutionView(r.getResultId(), r.getType().name(), status(r), r.getOrderId(), r.getSymbol(), r.getSide().name(),
                r.getOrderType().name(), Money.formatOrNull(r.getLimitPricePaise()), r.getQuantityShares(),
                r.getFilledQuantityShares(), r.getRemainingQuantityShares(), r.getTradeId(), Money.formatOrNull(r.getFillPricePaise()),
                r.getFillQuantityShares(), r.getLiquidity() == null ? null : r.getLiquidity().name(),
                r.getReasonCode() == null ? null : r.getReasonCode().name(), r.getTimestampMs().toString());
    }

    /**
     * A refusal the portfolio decided before the engine saw the request (an order it rejected, a cancel
     * or amend of an order it does not hold open), in the private channel's shape.
     */
    public static ExecutionView refusal(final OrderEvent e) {
        return new ExecutionView(e.getEventId(), e.getType().name(), status(e.getType().name(), e.getFilledQuantityShares(),
                e.getRemainingQuantityShares()), e.getOrderId(), e.getSymbol(), e.getSide().name(), e.getOrderType().name(),
                Money.formatOrNull(e.getLimitPricePaise()), e.getQuantityShares(), e.getFilledQuantityShares(),
                e.getRemainingQuantityShares(), null, null, null, null, e.getReasonCode() == null ? null : e.getReasonCode().name(),
                e.getTimestampMs().toString());
    }

    /** The order's status after {@code result}; {@code null} for a refusal that does not carry the order's state. */
    static String status(final MatchingResult result) {
        return status(result.getType().name(), result.getFilledQuantityShares(), result.getRemainingQuantityShares());
    }

    private static String status(final String type, final long filled, final long remaining) {
        return switch (type) {
            case "CANCELLED", "EXPIRED", "REJECTED" -> type;
            default -> remaining > 0 ? (filled > 0 ? "PARTIALLY_FILLED" : "RESTING") : filled > 0 ? "FILLED" : null;
        };
    }

    public static LedgerView ledger(final LedgerEntry e) {
        final boolean cash = e.getUnit() == io.bourse.avro.ledger.LedgerUnit.PAISE;
        return new LedgerView(e.getEntryId(), e.getSequence(), e.getAsset(), cash ? "INR" : "SHARES",
                amount(e.getAvailableDelta(), cash), amount(e.getReservedDelta(), cash), amount(e.getAvailableAfter(), cash),
                amount(e.getReservedAfter(), cash), e.getReason().name(), e.getOrderId(), e.getTradeId(), e.getPaymentId(),
                e.getTimestampMs().toString());
    }

    /** {@code totalPaise / quantity} in rupees, two decimals, half-even. */
    public static String averageRupees(final long totalPaise, final long quantity) {
        return java.math.BigDecimal.valueOf(totalPaise)
                .divide(java.math.BigDecimal.valueOf(quantity).movePointRight(2), 2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Cash in rupees with two decimals (sign kept); shares as a plain integer. */
    public static String amount(final long value, final boolean cash) {
        return cash ? java.math.BigDecimal.valueOf(value, 2).toPlainString() : Long.toString(value);
    }
}
