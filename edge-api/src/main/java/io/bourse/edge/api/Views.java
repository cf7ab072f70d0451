package io.bourse.edge.api;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderStatus;

/** The JSON shapes of the API: prices and amounts as decimal strings in rupees, quantities as integers. */
public final class Views {

    private Views() {
    }

    public record OrderView(String orderId, String clientOrderId, String symbol, String side, String type, String timeInForce,
            String price, long quantity, long filledQuantity, long openQuantity, String averageFillPrice, String fees,
            String status, String reason, String createdAt, String updatedAt) {
    }

    public record OrderEventView(String eventId, long sequence, String type, String orderId, String clientOrderId,
            String symbol, String side, String price, long quantity, long filledQuantity, long remainingQuantity,
            String tradeId, String fillPrice, Long fillQuantity, String liquidity, String fee, String reason, String timestamp) {
    }

    public record LedgerView(String entryId, long sequence, String asset, String unit, String availableDelta,
            String reservedDelta, String availableAfter, String reservedAfter, String reason, String orderId, String tradeId,
            String paymentId, String timestamp) {
    }

    /** A payment event as the private {@code payments} channel sends it. */
    public record PaymentEventView(String eventId, String type, String intentId, String withdrawalId, String providerOrderId,
            String providerPaymentId, String amount, String currency, String reason, String timestamp) {
    }

    public static PaymentEventView payment(final PaymentEvent e) {
        return new PaymentEventView(e.getEventId(), e.getType().name(), e.getIntentId(), e.getWithdrawalId(), e.getProviderOrderId(),
                e.getProviderPaymentId(), Money.format(e.getAmountPaise()), e.getCurrency(), e.getReason(), e.getTimestampMs().toString());
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

    public static OrderEventView event(final OrderEvent e) {
        return new OrderEventView(e.getEventId(), e.getSequence(), e.getType().name(), e.getOrderId(), e.getClientOrderId(),
                e.getSymbol(), e.getSide().name(), Money.formatOrNull(e.getLimitPricePaise()), e.getQuantityShares(),
                e.getFilledQuantityShares(), e.getRemainingQuantityShares(), e.getTradeId(), Money.formatOrNull(e.getFillPricePaise()),
                e.getFillQuantityShares(), e.getLiquidity() == null ? null : e.getLiquidity().name(), Money.formatOrNull(e.getFeePaise()),
                e.getReasonCode() == null ? null : e.getReasonCode().name(), e.getTimestampMs().toString());
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
