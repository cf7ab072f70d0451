package io.bourse.portfolio.core;

import io.bourse.portfolio.core.Balances.Reference;

/**
 * The money side of an order's life: reserve when it is accepted, settle each fill (cash one way,
 * shares the other, fees to the exchange), release what is no longer needed after every step, and
 * everything that is left when it ends.
 *
 * <p>Invariant: while an order is open, its reservation covers its open quantity at its limit price
 * plus the largest fee (and the terms of an amend in flight); once it ends, nothing stays reserved.
 * Fees are charged rounded down and reserved rounded up, so partial fills never overdraw.
 */
public final class OrderAccounting {

    /** The exchange's fee account on partition {@code p} is {@code exchange-fees-p}. */
    public static final String FEE_ACCOUNT_PREFIX = "exchange-fees-";

    private final Balances balances;
    private final String feeAccount;

    public OrderAccounting(final Balances balances, final String feeAccount) {
        this.balances = balances;
        this.feeAccount = feeAccount;
    }

    /**
     * Reserves what a new order needs.
     *
     * @return the order's account, or {@code null} when the funds or shares are not there
     */
    public OrderAccount accept(final OrderAccount order) {
        final long cash = !order.buy() ? 0
                : order.market() ? Math.addExact(order.notionalCapPaise(), Fees.reserved(order.notionalCapPaise(), order.maxFeeBasisPoints()))
                : requiredCash(order);
        final long shares = order.buy() ? 0 : order.quantityShares();
        final boolean reserved = order.buy()
                ? balances.tryReserve(order.userId(), Position.CASH, cash, LedgerReason.ORDER_RESERVE, Reference.order(order.orderId()))
                : balances.tryReserve(order.userId(), order.symbol(), shares, LedgerReason.ORDER_RESERVE, Reference.order(order.orderId()));
        return reserved ? order.withReserved(cash, shares) : null;
    }

    /**
     * Settles one fill.
     *
     * @param maker whether this order provided the liquidity (maker fee) or took it (taker fee)
     * @param filledAfter cumulative filled quantity after this fill, as matching reports it
     * @param openAfter quantity still open after this fill
     * @return the updated order; its status is FILLED when nothing is left open
     */
    public OrderAccount fill(final OrderAccount order, final String tradeId, final long pricePaise, final long quantityShares,
            final boolean maker, final long filledAfter, final long openAfter) {
        final long notional = Math.multiplyExact(pricePaise, quantityShares);
        final long fee = Fees.charged(notional, maker ? order.makerFeeBasisPoints() : order.takerFeeBasisPoints());
        final Reference reference = Reference.trade(order.orderId(), tradeId);
        final String user = order.userId();
        OrderAccount next;
        if (order.buy()) {
            if (order.reservedPaise() < notional + fee) {
                throw new IllegalStateException("order " + order.orderId() + " reserved " + order.reservedPaise()
                        + " paise but its fill costs " + (notional + fee));
            }
            balances.spendReserved(user, Position.CASH, notional, LedgerReason.TRADE_SETTLEMENT, reference);
            balances.spendReserved(user, Position.CASH, fee, LedgerReason.TRADE_FEE, reference);
            balances.credit(user, order.symbol(), quantityShares, notional + fee, LedgerReason.TRADE_SETTLEMENT, reference);
            next = order.withReserved(order.reservedPaise() - notional - fee, 0);
        } else {
            if (order.reservedShares() < quantityShares) {
                throw new IllegalStateException("order " + order.orderId() + " reserved " + order.reservedShares()
                        + " shares but sold " + quantityShares);
            }
            balances.sellReserved(user, order.symbol(), quantityShares, notional - fee, reference);
            balances.credit(user, Position.CASH, notional, 0, LedgerReason.TRADE_SETTLEMENT, reference);
            balances.debit(user, Position.CASH, fee, LedgerReason.TRADE_FEE, reference);
            next = order.withReserved(0, order.reservedShares() - quantityShares);
        }
        if (fee > 0) {
            balances.credit(feeAccount, Position.CASH, fee, 0, LedgerReason.FEE_INCOME, reference);
        }
        next = next.withProgress(order.quantityShares(), filledAfter, openAfter, order.filledNotionalPaise() + notional,
                order.feesPaidPaise() + fee, openAfter == 0 ? OrderStatus.FILLED : OrderStatus.OPEN);
        return releaseExcess(next);
    }

    /** Matching reported the order's quantities without a fill (resting, self-trade decrement). */
    public OrderAccount progress(final OrderAccount order, final long quantityShares, final long openAfter) {
        return releaseExcess(order.withProgress(quantityShares, order.filledQuantityShares(), openAfter,
                order.filledNotionalPaise(), order.feesPaidPaise(), order.status()));
    }

    /**
     * Holds what an amend to {@code newPricePaise} and {@code newQuantityShares} (total) would need
     * before it goes to matching.
     *
     * @return the order with the amend pending, or {@code null} when the funds or shares are not there
     */
    public OrderAccount requestAmend(final OrderAccount order, final long newPricePaise, final long newQuantityShares) {
        final OrderAccount pending = order.withPending(newPricePaise, newQuantityShares);
        final Reference reference = Reference.order(order.orderId());
        if (order.buy()) {
            final long extra = requiredCash(pending) - order.reservedPaise();
            if (extra <= 0) {
                return pending;
            }
            if (!balances.tryReserve(order.userId(), Position.CASH, extra, LedgerReason.AMEND_RESERVE, reference)) {
                return null;
            }
            return pending.withReserved(order.reservedPaise() + extra, 0);
        }
        final long extra = requiredShares(pending) - order.reservedShares();
        if (extra <= 0) {
            return pending;
        }
        if (!balances.tryReserve(order.userId(), order.symbol(), extra, LedgerReason.AMEND_RESERVE, reference)) {
            return null;
        }
        return pending.withReserved(0, order.reservedShares() + extra);
    }

    /** Matching applied an amend: the order has new terms; release what they no longer need. */
    public OrderAccount amended(final OrderAccount order, final long pricePaise, final long quantityShares, final long openAfter) {
        return releaseExcess(order.withTerms(pricePaise, quantityShares, openAfter));
    }

    /** Matching refused an amend: drop the pending terms and what was held for them. */
    public OrderAccount amendRefused(final OrderAccount order) {
        return releaseExcess(order.withPending(0, 0));
    }

    /** The order ended without filling completely: release everything still held for it. */
    public OrderAccount end(final OrderAccount order, final OrderStatus status) {
        return releaseExcess(order.withProgress(order.quantityShares(), order.filledQuantityShares(), 0,
                order.filledNotionalPaise(), order.feesPaidPaise(), status));
    }

    /** Cash an order needs held now: 0 once it ended; a market buy keeps its hold until it ends. */
    public static long requiredCash(final OrderAccount order) {
        if (!order.buy() || order.status().terminal()) {
            return 0;
        }
        if (order.market()) {
            return order.reservedPaise();
        }
        long need = Fees.cashToReserve(order.limitPricePaise(), order.openQuantityShares(), order.maxFeeBasisPoints());
        if (order.amendPending()) {
            final long price = order.pendingPricePaise() == 0 ? order.limitPricePaise() : order.pendingPricePaise();
            need = Math.max(need, Fees.cashToReserve(price, pendingOpen(order), order.maxFeeBasisPoints()));
        }
        return need;
    }

    /** Shares an order needs held now. */
    public static long requiredShares(final OrderAccount order) {
        if (order.buy() || order.status().terminal()) {
            return 0;
        }
        return order.amendPending() ? Math.max(order.openQuantityShares(), pendingOpen(order)) : order.openQuantityShares();
    }

    /** Open quantity an amend in flight would leave: its new total minus what is already closed. */
    public static long pendingOpen(final OrderAccount order) {
        final long total = order.pendingQuantityShares() == 0 ? order.quantityShares() : order.pendingQuantityShares();
        return Math.max(0, total - order.closedQuantityShares());
    }

    private OrderAccount releaseExcess(final OrderAccount order) {
        final Reference reference = Reference.order(order.orderId());
        if (order.buy()) {
            final long excess = order.reservedPaise() - requiredCash(order);
            if (excess > 0) {
                balances.release(order.userId(), Position.CASH, excess, LedgerReason.ORDER_RELEASE, reference);
                return order.withReserved(order.reservedPaise() - excess, 0);
            }
            return order;
        }
        final long excess = order.reservedShares() - requiredShares(order);
        if (excess > 0) {
            balances.release(order.userId(), order.symbol(), excess, LedgerReason.ORDER_RELEASE, reference);
            return order.withReserved(0, order.reservedShares() - excess);
        }
        return order;
    }
}
