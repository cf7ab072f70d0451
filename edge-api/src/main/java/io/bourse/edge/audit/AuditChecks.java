package io.bourse.edge.audit;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerReason;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.avro.portfolio.PositionSnapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the exchange's invariants (ARCHITECTURE.md) on the records of its topics, read from the
 * beginning: feed every record, then ask for {@link #violations()}. Each violation names the ids
 * involved. Nothing here trusts the topologies' own state except where it is what is being checked
 * (the positions store against the ledger).
 */
public final class AuditChecks {

    /** One broken invariant. */
    public record Violation(String check, String detail) {
        @Override
        public String toString() {
            return check + ": " + detail;
        }
    }

    private static final Set<OrderEventType> TERMINAL = EnumSet.of(OrderEventType.FILLED, OrderEventType.CANCELLED,
            OrderEventType.EXPIRED, OrderEventType.REJECTED);

    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> ledgerIds = new HashSet<>();
    private final Map<String, Long> ledgerSequence = new HashMap<>();
    private final Map<String, long[]> balances = new TreeMap<>();
    private final Map<String, Long> depositsByPayment = new HashMap<>();
    private final Map<String, String> depositedTo = new HashMap<>();
    private long deposited;
    private long paidOut;
    private final Map<String, Long> sharesIssued = new TreeMap<>();
    private final Map<String, String> pendingWithdrawals = new HashMap<>();
    private final Map<String, Long> confirmedDeposits = new HashMap<>();
    private final Set<String> tradeIds = new HashSet<>();
    private final Map<String, Long> tradeSequence = new HashMap<>();
    private final Map<String, Trade> trades = new HashMap<>();
    private final Map<String, Integer> fillsPerTradeSide = new HashMap<>();
    private final Map<String, OrderTrack> orders = new HashMap<>();
    private final Map<String, long[]> storedPositions = new TreeMap<>();
    private long records;

    private static final class OrderTrack {
        private final String userId;
        private boolean accepted;
        private final List<OrderEventType> terminals = new ArrayList<>();
        private long filledFromFills;
        private long lastFilled;
        private long quantity;

        OrderTrack(final String userId) {
            this.userId = userId;
        }
    }

    public void ledger(final LedgerEntry e) {
        records++;
        if (!ledgerIds.add(e.getEntryId())) {
            fail("DUPLICATE_LEDGER_ENTRY", e.getEntryId());
        }
        final long expected = ledgerSequence.getOrDefault(e.getUserId(), 0L) + 1;
        if (e.getSequence() != expected) {
            fail("LEDGER_SEQUENCE_GAP", e.getUserId() + " expected " + expected + " got " + e.getSequence() + " (" + e.getEntryId() + ")");
        }
        ledgerSequence.put(e.getUserId(), Math.max(expected, e.getSequence()));
        final long[] balance = balances.computeIfAbsent(key(e.getUserId(), e.getAsset()), k -> new long[2]);
        if (balance[0] + e.getAvailableDelta() != e.getAvailableAfter() || balance[1] + e.getReservedDelta() != e.getReservedAfter()) {
            fail("LEDGER_CHAIN_BROKEN", e.getEntryId() + " of " + e.getUserId() + "/" + e.getAsset() + ": before " + balance[0] + "/"
                    + balance[1] + " + delta " + e.getAvailableDelta() + "/" + e.getReservedDelta() + " != after "
                    + e.getAvailableAfter() + "/" + e.getReservedAfter());
        }
        if (e.getAvailableAfter() < 0 || e.getReservedAfter() < 0) {
            fail("NEGATIVE_BALANCE", e.getEntryId());
        }
        balance[0] = e.getAvailableAfter();
        balance[1] = e.getReservedAfter();
        if (e.getReason() == LedgerReason.DEPOSIT) {
            deposited += e.getAvailableDelta();
            if (depositsByPayment.put(e.getUserId() + "/" + e.getPaymentId(), e.getAvailableDelta()) != null) {
                fail("DEPOSIT_CREDITED_TWICE", e.getPaymentId() + " for " + e.getUserId());
            }
            final String first = depositedTo.putIfAbsent(e.getPaymentId(), e.getUserId());
            if (first != null && !first.equals(e.getUserId())) {
                fail("DEPOSIT_CREDITED_TWICE", e.getPaymentId() + " for " + first + " and " + e.getUserId());
            }
        } else if (e.getReason() == LedgerReason.WITHDRAWAL_PAYOUT) {
            paidOut -= e.getReservedDelta();
            pendingWithdrawals.remove(e.getUserId() + "/" + e.getPaymentId());
        } else if (e.getReason() == LedgerReason.WITHDRAWAL_RESERVE) {
            pendingWithdrawals.put(e.getUserId() + "/" + e.getPaymentId(), e.getUserId());
        } else if (e.getReason() == LedgerReason.WITHDRAWAL_RELEASE) {
            pendingWithdrawals.remove(e.getUserId() + "/" + e.getPaymentId());
        } else if (e.getReason() == LedgerReason.SHARE_TRANSFER_IN) {
            sharesIssued.merge(e.getAsset(), e.getAvailableDelta(), Long::sum);
        }
    }

    public void payment(final PaymentEvent p) {
        records++;
        if (p.getType() == PaymentEventType.DEPOSIT_CONFIRMED && p.getProviderPaymentId() != null) {
            confirmedDeposits.putIfAbsent(p.getUserId() + "/" + p.getProviderPaymentId(), p.getAmountPaise());
        }
    }

    public void trade(final Trade t) {
        records++;
        if (!tradeIds.add(t.getTradeId())) {
            fail("DUPLICATE_TRADE", t.getTradeId());
        }
        final long expected = tradeSequence.getOrDefault(t.getSymbol(), 0L) + 1;
        if (t.getSequence() != expected) {
            fail("TRADE_SEQUENCE_GAP", t.getSymbol() + " expected " + expected + " got " + t.getSequence());
        }
        tradeSequence.put(t.getSymbol(), Math.max(expected, t.getSequence()));
        trades.put(t.getTradeId(), t);
    }

    public void orderEvent(final OrderEvent e) {
        records++;
        final OrderTrack order = orders.computeIfAbsent(e.getUserId() + "/" + e.getOrderId(), k -> new OrderTrack(e.getUserId()));
        if (e.getFilledQuantityShares() > e.getQuantityShares() && e.getQuantityShares() > 0) {
            fail("OVERFILLED", e.getOrderId() + " filled " + e.getFilledQuantityShares() + " of " + e.getQuantityShares());
        }
        order.quantity = Math.max(order.quantity, e.getQuantityShares());
        switch (e.getType()) {
            case ACCEPTED -> order.accepted = true;
            case FILL -> {
                order.filledFromFills += e.getFillQuantityShares() == null ? 0 : e.getFillQuantityShares();
                order.lastFilled = e.getFilledQuantityShares();
                fillsPerTradeSide.merge(e.getTradeId() + "/" + e.getOrderId(), 1, Integer::sum);
                if (!order.terminals.isEmpty()) {
                    fail("FILL_AFTER_TERMINAL", e.getOrderId() + " trade " + e.getTradeId());
                }
            }
            default -> {
                if (TERMINAL.contains(e.getType()) && !(e.getType() == OrderEventType.REJECTED && !order.accepted
                        && order.terminals.contains(OrderEventType.REJECTED))) {
                    order.terminals.add(e.getType());
                }
            }
        }
    }

    /** The latest stored value of one position (from the portfolio's positions changelog). */
    public void storedPosition(final PositionSnapshot p) {
        storedPositions.put(key(p.getUserId(), p.getAsset()), new long[] {p.getAvailable(), p.getReserved()});
    }

    public long records() {
        return records;
    }

    /** Every violation found, after all records were fed. */
    public List<Violation> violations() {
        final List<Violation> found = new ArrayList<>(violations);
        final long cashHeld = balances.entrySet().stream().filter(e -> e.getKey().endsWith("/INR"))
                .mapToLong(e -> e.getValue()[0] + e.getValue()[1]).sum();
        if (cashHeld != deposited - paidOut) {
            found.add(new Violation("CASH_NOT_CONSERVED", "held " + cashHeld + " paise != deposited " + deposited + " - paid out " + paidOut));
        }
        depositsByPayment.forEach((payment, amount) -> {
            final Long confirmed = confirmedDeposits.get(payment);
            if (confirmed == null || confirmed.longValue() != amount) {
                found.add(new Violation("DEPOSIT_WITHOUT_CONFIRMATION", payment + " credited " + amount + ", confirmed " + confirmed));
            }
        });
        final Map<String, Long> held = new TreeMap<>();
        balances.forEach((k, v) -> {
            final String asset = k.substring(k.lastIndexOf('/') + 1);
            if (!asset.equals("INR")) {
                held.merge(asset, v[0] + v[1], Long::sum);
            }
        });
        final Set<String> symbols = new HashSet<>(held.keySet());
        symbols.addAll(sharesIssued.keySet());
        for (final String symbol : symbols) {
            if (held.getOrDefault(symbol, 0L).longValue() != sharesIssued.getOrDefault(symbol, 0L).longValue()) {
                found.add(new Violation("SHARES_NOT_CONSERVED", symbol + " held " + held.get(symbol) + " != issued " + sharesIssued.get(symbol)));
            }
        }
        for (final Trade t : trades.values()) {
            for (final String side : List.of(t.getBuyOrderId(), t.getSellOrderId())) {
                final int fills = fillsPerTradeSide.getOrDefault(t.getTradeId() + "/" + side, 0);
                if (fills != 1) {
                    found.add(new Violation("TRADE_FILL_MISMATCH", t.getTradeId() + " has " + fills + " fills for order " + side));
                }
            }
        }
        fillsPerTradeSide.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).filter(id -> !trades.containsKey(id)).distinct()
                .forEach(id -> found.add(new Violation("FILL_WITHOUT_TRADE", id)));
        final Set<String> busyUsers = new HashSet<>(pendingWithdrawals.values());
        orders.forEach((id, order) -> {
            if (new HashSet<>(order.terminals).size() > 1 || order.terminals.stream().filter(t -> t != OrderEventType.REJECTED).count() > 1) {
                found.add(new Violation("MULTIPLE_TERMINAL_STATES", id + " " + order.terminals));
            }
            if (order.filledFromFills != order.lastFilled && order.filledFromFills > 0) {
                found.add(new Violation("FILLS_DO_NOT_ADD_UP", id + " fills " + order.filledFromFills + " vs reported " + order.lastFilled));
            }
            if (order.accepted && order.terminals.isEmpty()) {
                busyUsers.add(order.userId);
            }
        });
        balances.forEach((k, v) -> {
            final String user = k.substring(0, k.lastIndexOf('/'));
            if (v[1] != 0 && !busyUsers.contains(user)) {
                found.add(new Violation("RESERVED_WITHOUT_REASON", k + " reserves " + v[1] + " with no open order or pending withdrawal"));
            }
        });
        if (!storedPositions.isEmpty()) {
            final Set<String> keys = new HashSet<>(storedPositions.keySet());
            keys.addAll(balances.keySet());
            for (final String k : keys) {
                final long[] stored = storedPositions.getOrDefault(k, new long[2]);
                final long[] ledger = balances.getOrDefault(k, new long[2]);
                if (stored[0] != ledger[0] || stored[1] != ledger[1]) {
                    found.add(new Violation("STORE_DIFFERS_FROM_LEDGER", k + " store " + stored[0] + "/" + stored[1] + " ledger "
                            + ledger[0] + "/" + ledger[1]));
                }
            }
        }
        return found;
    }

    private void fail(final String check, final String detail) {
        violations.add(new Violation(check, detail));
    }

    private static String key(final String user, final String asset) {
        return user + "/" + asset;
    }
}
