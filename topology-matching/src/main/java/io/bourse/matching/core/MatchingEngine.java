package io.bourse.matching.core;

import java.util.Objects;

/**
 * One symbol's matching: validates commands against the instrument's rules and trading status,
 * runs them through an {@link OrderBook}, numbers trades and book changes, and reports every
 * outcome to a {@link MatchingListener}. Deterministic: no clock, no randomness; the same
 * commands from the same state give the same events.
 *
 * <p>Rules: prices on the tick grid and inside the band around the reference price (the last
 * trade, else the instrument's base price); quantities on the lot grid within min and max. A
 * MARKET order trades up to the band's edge and never rests. HALTED and CLOSED books accept only
 * cancels; closing the session expires DAY orders. Not thread-safe.
 */
public final class MatchingEngine {

    private final OrderBook book;
    private final Events events = new Events();
    private InstrumentSpec spec;
    private TradingStatus status;
    private long lastTradePricePaise;
    private long lastArrivalSequence;
    private long lastTradeSequence;
    private long lastBookSequence;

    public MatchingEngine(final InstrumentSpec spec, final OrderBook book, final EngineState state) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.book = Objects.requireNonNull(book, "book");
        this.status = state.status();
        this.lastTradePricePaise = state.lastTradePricePaise();
        this.lastArrivalSequence = state.lastArrivalSequence();
        this.lastTradeSequence = state.lastTradeSequence();
        this.lastBookSequence = state.lastBookSequence();
    }

    public void place(final NewOrder order, final MatchingListener listener) {
        final Reason invalid = validate(order);
        if (invalid != null) {
            listener.rejected(order, invalid);
            return;
        }
        final long limit = order.type() == OrderType.MARKET ? protectionPrice(order.side()) : order.limitPricePaise();
        events.begin(listener);
        final Reason refused = book.place(order, ++lastArrivalSequence, limit, spec.lotSizeShares(), events);
        if (refused != null) {
            lastArrivalSequence--;
            listener.rejected(order, refused);
        }
        events.end();
    }

    public void cancel(final String orderId, final String userId, final Reason reason, final MatchingListener listener) {
        events.begin(listener);
        final Reason refused = book.cancel(orderId, userId, reason, events);
        if (refused != null) {
            listener.cancelRejected(orderId, userId, refused);
        }
        events.end();
    }

    /**
     * @param newPricePaise the new limit price, or {@link NewOrder#NO_PRICE} to keep it
     * @param newQuantityShares the new total quantity (including what filled), or 0 to keep it
     */
    public void amend(final String orderId, final String userId, final long newPricePaise, final long newQuantityShares,
            final MatchingListener listener) {
        final BookOrder order = book.find(orderId);
        final Reason invalid = validateAmend(order, userId, newPricePaise, newQuantityShares);
        if (invalid != null) {
            listener.amendRejected(orderId, userId, invalid);
            return;
        }
        final long price = newPricePaise == NewOrder.NO_PRICE ? order.pricePaise() : newPricePaise;
        final long quantity = newQuantityShares == 0 ? order.quantityShares() : newQuantityShares;
        events.begin(listener);
        final Reason refused = book.amend(orderId, price, quantity, ++lastArrivalSequence, events);
        if (refused != null) {
            lastArrivalSequence--;
            listener.amendRejected(orderId, userId, refused);
        }
        events.end();
    }

    public void halt(final MatchingListener listener) {
        changeStatus(TradingStatus.HALTED, listener);
    }

    /** Back to TRADING after a halt or a closed session. */
    public void resume(final MatchingListener listener) {
        changeStatus(TradingStatus.TRADING, listener);
    }

    /** Expires every DAY order and closes the book until {@link #resume}. */
    public void closeSession(final MatchingListener listener) {
        events.begin(listener);
        book.expireDayOrders(events);
        events.end();
        changeStatus(TradingStatus.CLOSED, listener);
    }

    /** New rules for the symbol (tick, lot, band, base price); resting orders stay as they are. */
    public void updateSpec(final InstrumentSpec newSpec) {
        if (!newSpec.symbol().equals(spec.symbol())) {
            throw new IllegalArgumentException("spec of " + newSpec.symbol() + " given to the engine of " + spec.symbol());
        }
        this.spec = newSpec;
    }

    public InstrumentSpec spec() {
        return spec;
    }

    public OrderBook book() {
        return book;
    }

    public EngineState state() {
        return new EngineState(status, lastTradePricePaise, lastArrivalSequence, lastTradeSequence, lastBookSequence);
    }

    /** The price the band is centred on: the last trade, or the base price before the first. */
    public long referencePricePaise() {
        return lastTradePricePaise == NewOrder.NO_PRICE ? spec.basePricePaise() : lastTradePricePaise;
    }

    private long protectionPrice(final Side side) {
        final long reference = referencePricePaise();
        return side == Side.BUY ? spec.upperBandPaise(reference) : spec.lowerBandPaise(reference);
    }

    private void changeStatus(final TradingStatus next, final MatchingListener listener) {
        if (status != next) {
            status = next;
            listener.statusChanged(next);
        }
    }

    private Reason validate(final NewOrder order) {
        final Reason closed = statusReason();
        if (closed != null) {
            return closed;
        }
        final Reason quantity = quantityReason(order.quantityShares());
        if (quantity != null) {
            return quantity;
        }
        if (order.maxNotionalPaise() != NewOrder.NO_LIMIT && (order.type() != OrderType.MARKET || order.side() != Side.BUY)) {
            return Reason.INVALID_ORDER;
        }
        if (order.type() == OrderType.MARKET) {
            return order.postOnly() || order.limitPricePaise() != NewOrder.NO_PRICE ? Reason.INVALID_ORDER : null;
        }
        return priceReason(order.limitPricePaise());
    }

    private Reason validateAmend(final BookOrder order, final String userId, final long newPricePaise,
            final long newQuantityShares) {
        final Reason closed = statusReason();
        if (closed != null) {
            return closed;
        }
        if (order == null) {
            return Reason.UNKNOWN_ORDER;
        }
        if (!order.userId().equals(userId)) {
            return Reason.NOT_ORDER_OWNER;
        }
        if (newPricePaise == NewOrder.NO_PRICE && newQuantityShares == 0) {
            return Reason.INVALID_ORDER;
        }
        if (newQuantityShares != 0) {
            final Reason quantity = quantityReason(newQuantityShares);
            if (quantity != null) {
                return quantity;
            }
        }
        return newPricePaise == NewOrder.NO_PRICE ? null : priceReason(newPricePaise);
    }

    private Reason statusReason() {
        return switch (status) {
            case TRADING -> null;
            case HALTED -> Reason.INSTRUMENT_HALTED;
            case CLOSED -> Reason.INSTRUMENT_CLOSED;
        };
    }

    private Reason quantityReason(final long quantityShares) {
        if (quantityShares <= 0 || quantityShares < spec.minQuantityShares() || quantityShares > spec.maxQuantityShares()) {
            return Reason.QUANTITY_OUT_OF_RANGE;
        }
        return quantityShares % spec.lotSizeShares() == 0 ? null : Reason.INVALID_QUANTITY_LOT;
    }

    private Reason priceReason(final long pricePaise) {
        if (pricePaise <= 0) {
            return Reason.INVALID_PRICE;
        }
        if (pricePaise % spec.tickSizePaise() != 0) {
            return Reason.INVALID_PRICE_TICK;
        }
        final long reference = referencePricePaise();
        if (pricePaise < spec.lowerBandPaise(reference) || pricePaise > spec.upperBandPaise(reference)) {
            return Reason.PRICE_OUTSIDE_BAND;
        }
        return null;
    }

    /**
     * Forwards one command's book events, numbering trades and collecting touched levels so they are
     * reported once each, with their final aggregate, when the command ends.
     */
    private final class Events implements BookListener {
        private MatchingListener listener;
        private Side[] touchedSides = new Side[16];
        private long[] touchedPrices = new long[16];
        private int touched;

        void begin(final MatchingListener target) {
            this.listener = target;
            this.touched = 0;
        }

        void end() {
            if (touched > 0) {
                final long sequence = ++lastBookSequence;
                for (int i = 0; i < touched; i++) {
                    final Side side = touchedSides[i];
                    final long price = touchedPrices[i];
                    listener.levelChanged(sequence, side, price, book.levelQuantity(side, price), book.levelOrderCount(side, price));
                }
            }
            listener = null;
        }

        @Override
        public void trade(final BookOrder maker, final BookOrder taker, final long pricePaise, final long quantityShares) {
            lastTradePricePaise = pricePaise;
            listener.trade(++lastTradeSequence, maker, taker, pricePaise, quantityShares);
        }

        @Override
        public void resting(final BookOrder order) {
            listener.resting(order);
        }

        @Override
        public void amended(final BookOrder order, final Reason reason) {
            listener.amended(order, reason);
        }

        @Override
        public void cancelled(final BookOrder order, final Reason reason) {
            listener.cancelled(order, reason);
        }

        @Override
        public void expired(final BookOrder order) {
            listener.expired(order);
        }

        @Override
        public void levelTouched(final Side side, final long pricePaise) {
            for (int i = 0; i < touched; i++) {
                if (touchedPrices[i] == pricePaise && touchedSides[i] == side) {
                    return;
                }
            }
            if (touched == touchedPrices.length) {
                touchedPrices = java.util.Arrays.copyOf(touchedPrices, touched * 2);
                touchedSides = java.util.Arrays.copyOf(touchedSides, touched * 2);
            }
            touchedSides[touched] = side;
            touchedPrices[touched] = pricePaise;
            touched++;
        }
    }
}
