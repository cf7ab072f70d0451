package io.bourse.portfolio.core;

/**
 * One user's balances during one command: every change goes through here, so each becomes exactly
 * one ledger posting with the balance after it.
 */
public final class Balances {

    /** Where positions are read and written (a state store, or a map in tests). */
    public interface Store {
        Position get(String userId, String asset);

        void put(String userId, Position position);
    }

    /** Receives one posting per balance change. */
    public interface Postings {
        void post(String userId, Position before, Position after, LedgerReason reason, Reference reference);
    }

    /** What a posting refers to; unused parts are {@code null}. */
    public record Reference(String orderId, String tradeId, String paymentId) {
        public static Reference order(final String orderId) {
            return new Reference(orderId, null, null);
        }

        public static Reference trade(final String orderId, final String tradeId) {
            return new Reference(orderId, tradeId, null);
        }

        public static Reference payment(final String paymentId) {
            return new Reference(null, null, paymentId);
        }
    }

    private final Store store;
    private final Postings postings;

    public Balances(final Store store, final Postings postings) {
        this.store = store;
        this.postings = postings;
    }

    public Position get(final String userId, final String asset) {
        return store.get(userId, asset);
    }

    /** Reserves {@code amount} if available; {@code false} leaves everything unchanged. */
    public boolean tryReserve(final String userId, final String asset, final long amount, final LedgerReason reason,
            final Reference reference) {
        final Position before = store.get(userId, asset);
        if (before.available() < amount) {
            return false;
        }
        apply(userId, before, before.reserve(amount), reason, reference);
        return true;
    }

    public void release(final String userId, final String asset, final long amount, final LedgerReason reason,
            final Reference reference) {
        final Position before = store.get(userId, asset);
        apply(userId, before, before.release(amount), reason, reference);
    }

    public void spendReserved(final String userId, final String asset, final long amount, final LedgerReason reason,
            final Reference reference) {
        final Position before = store.get(userId, asset);
        apply(userId, before, before.spendReserved(amount), reason, reference);
    }

    public void credit(final String userId, final String asset, final long amount, final long costPaise,
            final LedgerReason reason, final Reference reference) {
        final Position before = store.get(userId, asset);
        apply(userId, before, before.credit(amount, costPaise), reason, reference);
    }

    public void debit(final String userId, final String asset, final long amount, final LedgerReason reason,
            final Reference reference) {
        final Position before = store.get(userId, asset);
        apply(userId, before, before.debit(amount), reason, reference);
    }

    public void sellReserved(final String userId, final String asset, final long shares, final long proceedsPaise,
            final Reference reference) {
        final Position before = store.get(userId, asset);
        apply(userId, before, before.sellReserved(shares, proceedsPaise), LedgerReason.TRADE_SETTLEMENT, reference);
    }

    private void apply(final String userId, final Position before, final Position after, final LedgerReason reason,
            final Reference reference) {
        if (before.available() == after.available() && before.reserved() == after.reserved()) {
            if (!before.equals(after)) {
                store.put(userId, after);
            }
            return;
        }
        store.put(userId, after);
        postings.post(userId, before, after, reason, reference);
    }
}
