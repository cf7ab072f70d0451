package io.bourse.portfolio.core;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The portfolio's pre-trade rules: whether a place, cancel or amend may go on to matching, and what
 * a new order or an amend reserves first. Matching checks the book's own rules (ticks, lots, bands,
 * halts) again; these are the ones only the portfolio can check: who the trader is and what they own.
 *
 * <p>A place is checked in this order, and the first rule broken is the refusal: the account exists,
 * is not suspended and its KYC is approved; the symbol is listed; the quantity is positive; a market
 * order names no limit price and is not post-only, a limit order names a positive price; then the
 * funds (a buy) or shares (a sell) are reserved. A market buy reserves its notional cap: its quantity
 * at the top of the price band around the last price (else the base price), on the tick grid.
 * Amounts too large for a {@code long} refuse the order rather than overflow.
 *
 * <p>A refusal reserves nothing and changes no balance. Decisions are values, never exceptions.
 */
public final class OrderAdmission {

    /**
     * Why a command is refused. The names are stable reason codes of the event model
     * ({@code ReasonCode} in Avro), so mapping is by name.
     */
    public enum Refusal {
        /** The portfolio has no account for the user. */
        ACCOUNT_UNKNOWN,
        /** The account is suspended. */
        ACCOUNT_SUSPENDED,
        /** The account's KYC is not approved (pending, submitted or rejected). */
        KYC_NOT_APPROVED,
        /** No instrument with this symbol is listed. */
        UNKNOWN_SYMBOL,
        /** A non-positive quantity, an amend below what already filled, or amounts beyond a {@code long}. */
        QUANTITY_OUT_OF_RANGE,
        /** A market order with a limit price or post-only, an amend of a market order, or an amend that changes nothing. */
        INVALID_ORDER,
        /** A limit order without a positive price, or an amend to a non-positive price. */
        INVALID_PRICE,
        /** A buy whose cash (notional plus the largest fee) is not available. */
        INSUFFICIENT_FUNDS,
        /** A sell whose shares are not available. */
        INSUFFICIENT_SHARES,
        /** A cancel or amend of an order the user has no record of. */
        UNKNOWN_ORDER,
        /** A cancel or amend of an order that already ended. */
        ORDER_NOT_OPEN,
        /** An amend while an earlier amend of the same order awaits matching's answer. */
        AMEND_PENDING
    }

    /** What the portfolio knows of the trader's account; {@link #UNKNOWN} when it has none. */
    public record Standing(boolean known, boolean suspended, boolean kycApproved) {
        public static final Standing UNKNOWN = new Standing(false, false, false);

        public static Standing of(final boolean suspended, final boolean kycApproved) {
            return new Standing(true, suspended, kycApproved);
        }
    }

    /**
     * The trading terms of a listed symbol the portfolio needs.
     *
     * @param makerFeeBasisPoints {@code null}: the exchange's default
     * @param takerFeeBasisPoints {@code null}: the exchange's default
     */
    public record Listing(String symbol, long tickSizePaise, long basePricePaise, int priceBandBasisPoints,
            Integer makerFeeBasisPoints, Integer takerFeeBasisPoints) {
        public Listing {
            Objects.requireNonNull(symbol, "symbol");
        }
    }

    /**
     * A new order as the trader asked for it.
     *
     * @param limitPricePaise {@code null} when none was given (a market order must give none)
     */
    public record OrderRequest(String orderId, String userId, String symbol, boolean buy, boolean market,
            Long limitPricePaise, long quantityShares, boolean postOnly) {
    }

    /** The last traded price of a symbol, if the portfolio has seen one. */
    @FunctionalInterface
    public interface LastPrices {
        OptionalLong lastPricePaise(String symbol);
    }

    /**
     * The outcome of a place or an amend.
     *
     * @param order admitted: the order with what it reserved (and, for an amend, its pending terms);
     *     refused: the order as it was asked for (its fees and any notional cap settled), for a place
     *     marked {@link OrderStatus#REJECTED} with nothing open or reserved, for an amend unchanged
     * @param refusal {@code null} when admitted
     */
    public record Decision(OrderAccount order, Refusal refusal) {
        public boolean admitted() {
            return refusal == null;
        }
    }

    private final OrderAccounting accounting;
    private final int defaultMakerFeeBasisPoints;
    private final int defaultTakerFeeBasisPoints;

    /**
     * @param accounting reserves through the balances of the command being decided
     * @param defaultMakerFeeBasisPoints the maker fee of a symbol that names none
     * @param defaultTakerFeeBasisPoints the taker fee of a symbol that names none
     */
    public OrderAdmission(final OrderAccounting accounting, final int defaultMakerFeeBasisPoints,
            final int defaultTakerFeeBasisPoints) {
        this.accounting = accounting;
        this.defaultMakerFeeBasisPoints = defaultMakerFeeBasisPoints;
        this.defaultTakerFeeBasisPoints = defaultTakerFeeBasisPoints;
    }

    /**
     * Checks a new order and, when every rule holds, reserves what it needs.
     *
     * @param listing {@code null} when the symbol is not listed
     */
    public Decision place(final OrderRequest request, final Standing standing, final Listing listing,
            final LastPrices lastPrices) {
        final int maker = listing == null || listing.makerFeeBasisPoints() == null
                ? defaultMakerFeeBasisPoints : listing.makerFeeBasisPoints();
        final int taker = listing == null || listing.takerFeeBasisPoints() == null
                ? defaultTakerFeeBasisPoints : listing.takerFeeBasisPoints();
        OrderAccount order = new OrderAccount(request.orderId(), request.userId(), request.symbol(), request.buy(),
                request.market(), request.limitPricePaise() == null ? 0 : request.limitPricePaise(), request.quantityShares(),
                0, request.quantityShares(), 0, 0, 0, 0, maker, taker, 0, 0, 0, OrderStatus.OPEN);
        Refusal refusal = checkAccount(standing);
        if (refusal == null) {
            refusal = checkOrder(request, listing);
        }
        if (refusal == null) {
            try {
                if (request.market() && request.buy()) {
                    order = order.withNotionalCap(Math.multiplyExact(request.quantityShares(),
                            protectionPricePaise(listing, lastPrices.lastPricePaise(listing.symbol()))));
                }
                final OrderAccount accepted = accounting.accept(order);
                if (accepted != null) {
                    return new Decision(accepted, null);
                }
                refusal = request.buy() ? Refusal.INSUFFICIENT_FUNDS : Refusal.INSUFFICIENT_SHARES;
            } catch (final ArithmeticException tooLarge) {
                refusal = Refusal.QUANTITY_OUT_OF_RANGE;
            }
        }
        return new Decision(order.withProgress(order.quantityShares(), 0, 0, 0, 0, OrderStatus.REJECTED), refusal);
    }

    /** Whether the order may be cancelled: empty when it may. */
    public Optional<Refusal> cancel(final OrderAccount order) {
        if (order == null) {
            return Optional.of(Refusal.UNKNOWN_ORDER);
        }
        return order.status() == OrderStatus.OPEN ? Optional.empty() : Optional.of(Refusal.ORDER_NOT_OPEN);
    }

    /**
     * Checks an amend of {@code order} and, when every rule holds, holds what its new terms need and
     * marks them pending until matching answers.
     *
     * @param order {@code null} when the user has no such order
     * @param newLimitPricePaise {@code null}: the price stays
     * @param newQuantityShares {@code null}: the quantity stays; else the new total, filled part included
     */
    public Decision amend(final OrderAccount order, final Long newLimitPricePaise, final Long newQuantityShares) {
        if (order == null) {
            return new Decision(null, Refusal.UNKNOWN_ORDER);
        }
        final Refusal invalid = checkAmend(order, newLimitPricePaise, newQuantityShares);
        if (invalid != null) {
            return new Decision(order, invalid);
        }
        final long price = newLimitPricePaise == null ? order.limitPricePaise() : newLimitPricePaise;
        final long quantity = newQuantityShares == null ? order.quantityShares() : newQuantityShares;
        try {
            final OrderAccount pending = accounting.requestAmend(order, price, quantity);
            if (pending == null) {
                return new Decision(order, order.buy() ? Refusal.INSUFFICIENT_FUNDS : Refusal.INSUFFICIENT_SHARES);
            }
            return new Decision(pending, null);
        } catch (final ArithmeticException tooLarge) {
            return new Decision(order, Refusal.QUANTITY_OUT_OF_RANGE);
        }
    }

    /**
     * The worst price a market buy may pay: the top of the band around the last price the portfolio
     * knows (else the base price), rounded down to the tick. Matching enforces the same cap on the
     * notional, so a stale price here can only make the order fill less, never overspend.
     */
    public static long protectionPricePaise(final Listing listing, final OptionalLong lastPricePaise) {
        final long reference = lastPricePaise.isPresent() ? lastPricePaise.getAsLong() : listing.basePricePaise();
        final long top = Math.multiplyExact(reference, 10_000L + listing.priceBandBasisPoints()) / 10_000L;
        return top / listing.tickSizePaise() * listing.tickSizePaise();
    }

    private static Refusal checkAccount(final Standing standing) {
        if (!standing.known()) {
            return Refusal.ACCOUNT_UNKNOWN;
        }
        if (standing.suspended()) {
            return Refusal.ACCOUNT_SUSPENDED;
        }
        return standing.kycApproved() ? null : Refusal.KYC_NOT_APPROVED;
    }

    private static Refusal checkOrder(final OrderRequest request, final Listing listing) {
        if (listing == null) {
            return Refusal.UNKNOWN_SYMBOL;
        }
        if (request.quantityShares() <= 0) {
            return Refusal.QUANTITY_OUT_OF_RANGE;
        }
        if (request.market()) {
            return request.limitPricePaise() == null && !request.postOnly() ? null : Refusal.INVALID_ORDER;
        }
        if (request.limitPricePaise() == null || request.limitPricePaise() <= 0) {
            return Refusal.INVALID_PRICE;
        }
        return null;
    }

    private static Refusal checkAmend(final OrderAccount order, final Long newLimitPricePaise, final Long newQuantityShares) {
        if (order.status() != OrderStatus.OPEN) {
            return Refusal.ORDER_NOT_OPEN;
        }
        if (order.amendPending()) {
            return Refusal.AMEND_PENDING;
        }
        if (order.market() || (newLimitPricePaise == null && newQuantityShares == null)) {
            return Refusal.INVALID_ORDER;
        }
        if (newLimitPricePaise != null && newLimitPricePaise <= 0) {
            return Refusal.INVALID_PRICE;
        }
        if (newQuantityShares != null && newQuantityShares <= order.closedQuantityShares()) {
            return Refusal.QUANTITY_OUT_OF_RANGE;
        }
        return null;
    }
}
