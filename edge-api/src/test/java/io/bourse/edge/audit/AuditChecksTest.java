package io.bourse.edge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.common.Liquidity;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerReason;
import io.bourse.avro.ledger.LedgerUnit;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChecksTest {

    private static final Instant T = Instant.parse("2026-11-24T04:00:00Z");
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, long[]> balances = new HashMap<>();

    private LedgerEntry entry(final String user, final String asset, final long availableDelta, final long reservedDelta,
            final LedgerReason reason, final String payment) {
        final long sequence = sequences.merge(user, 1L, Long::sum);
        final long[] b = balances.computeIfAbsent(user + asset, k -> new long[2]);
        b[0] += availableDelta;
        b[1] += reservedDelta;
        return new LedgerEntry(user + "-L" + sequence, sequence, user, asset, asset.equals("INR") ? LedgerUnit.PAISE : LedgerUnit.SHARES,
                availableDelta, reservedDelta, b[0], b[1], reason, null, null, payment, T);
    }

    private static PaymentEvent deposit(final String user, final String id, final long amount) {
        return new PaymentEvent("e-" + id, PaymentEventType.DEPOSIT_CONFIRMED, user, "sandbox", id, null, amount, "INR", null, null,
                null, T);
    }

    private static OrderEvent event(final String user, final String order, final OrderEventType type, final long filled,
            final String tradeId, final Long fillQty) {
        return new OrderEvent(user + order + type, 1L, type, order, null, user, "TCS", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                100L, 10L, filled, 10L - filled, 0L, tradeId, fillQty == null ? null : 100L, fillQty,
                fillQty == null ? null : Liquidity.TAKER, null, null, null, T, null);
    }

    @Test
    void shouldPassAConsistentHistory() {
        final AuditChecks audit = new AuditChecks();
        audit.payment(deposit("u1", "pay_1", 1_000));
        audit.ledger(entry("u1", "INR", 1_000, 0, LedgerReason.DEPOSIT, "pay_1"));
        audit.ledger(entry("u1", "INR", -400, 400, LedgerReason.ORDER_RESERVE, null));
        audit.ledger(entry("u1", "INR", 400, -400, LedgerReason.ORDER_RELEASE, null));
        assertThat(audit.violations()).isEmpty();
    }

    @Test
    void shouldNameEveryBrokenInvariant() {
        final AuditChecks audit = new AuditChecks();
        audit.ledger(entry("u1", "INR", 1_000, 0, LedgerReason.DEPOSIT, "pay_forged"));
        audit.ledger(entry("u1", "INR", -400, 400, LedgerReason.ORDER_RESERVE, null));
        audit.ledger(entry("u2", "TCS", 5, 0, LedgerReason.TRADE_SETTLEMENT, null));
        audit.trade(new Trade("TCS-1", 1L, "TCS", 100L, 5L, Side.BUY, "b1", "u2", "s1", "u3", T));
        audit.trade(new Trade("TCS-1", 3L, "TCS", 100L, 5L, Side.BUY, "b1", "u2", "s1", "u3", T));
        audit.orderEvent(event("u2", "b1", OrderEventType.ACCEPTED, 0, null, null));
        audit.orderEvent(event("u2", "b1", OrderEventType.FILL, 5, "TCS-1", 5L));
        audit.orderEvent(event("u2", "b1", OrderEventType.CANCELLED, 5, null, null));
        audit.orderEvent(event("u2", "b1", OrderEventType.EXPIRED, 5, null, null));

        assertThat(audit.violations()).extracting(AuditChecks.Violation::check).contains(
                "DUPLICATE_TRADE", "TRADE_SEQUENCE_GAP", "DEPOSIT_WITHOUT_CONFIRMATION", "SHARES_NOT_CONSERVED",
                "TRADE_FILL_MISMATCH", "MULTIPLE_TERMINAL_STATES", "RESERVED_WITHOUT_REASON");
    }

    @Test
    void shouldCatchABrokenLedgerChainADoubleDepositAndACashLeak() {
        final AuditChecks audit = new AuditChecks();
        audit.payment(deposit("u1", "pay_1", 1_000));
        audit.ledger(entry("u1", "INR", 1_000, 0, LedgerReason.DEPOSIT, "pay_1"));
        audit.ledger(entry("u1", "INR", 1_000, 0, LedgerReason.DEPOSIT, "pay_1"));
        audit.ledger(new LedgerEntry("u1-L9", 9L, "u1", "INR", LedgerUnit.PAISE, -5L, 0L, 1_000L, 0L, LedgerReason.TRADE_FEE,
                null, null, null, T));
        assertThat(audit.violations()).extracting(AuditChecks.Violation::check)
                .contains("DEPOSIT_CREDITED_TWICE", "LEDGER_SEQUENCE_GAP", "LEDGER_CHAIN_BROKEN", "CASH_NOT_CONSERVED");
    }

    @Test
    void shouldCatchOnePaymentIdCreditedToTwoUsers() {
        final AuditChecks audit = new AuditChecks();
        audit.payment(deposit("u1", "pay_1", 1_000));
        audit.payment(deposit("u2", "pay_1", 1_000));
        audit.ledger(entry("u1", "INR", 1_000, 0, LedgerReason.DEPOSIT, "pay_1"));
        audit.ledger(entry("u2", "INR", 1_000, 0, LedgerReason.DEPOSIT, "pay_1"));
        assertThat(audit.violations()).extracting(AuditChecks.Violation::check).containsExactly("DEPOSIT_CREDITED_TWICE");
    }
}
