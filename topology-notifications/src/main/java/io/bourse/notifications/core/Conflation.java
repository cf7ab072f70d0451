package io.bourse.notifications.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a burst of one order's partial fills into one message. The first fill opens a window of fixed
 * length; fills before it closes join it; the window closes when time reaches its end (the caller
 * asks with {@link #due}), when a later fill arrives after its end (that fill opens the next window),
 * or when the order ends. A message therefore waits at most one window after its first fill.
 *
 * <p>A pure state machine: every time is an argument (record timestamps or stream time), so a replay
 * of the same records closes the same windows with the same totals.
 */
public final class Conflation {

    private final Duration window;

    public Conflation(final Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("conflation window must be positive, not " + window);
        }
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** One partial fill of an order, from its event. */
    public record Fill(String eventId, String orderId, String symbol, String side, long quantityShares, long pricePaise,
            long orderQuantityShares, long filledQuantityShares, Instant at) {
        public Fill {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(at, "at");
            if (quantityShares <= 0 || pricePaise <= 0) {
                throw new IllegalArgumentException("a fill has a positive quantity and price: " + quantityShares + " @ " + pricePaise);
            }
        }

        /** Whether this fill leaves nothing of its order to fill (an order of unknown quantity never completes here). */
        public boolean completesOrder() {
            return orderQuantityShares > 0 && filledQuantityShares >= orderQuantityShares;
        }
    }

    /**
     * An open (or just closed) window of fills of one order.
     *
     * @param firstEventId the first fill's event id, which names the message so a replay names it alike
     * @param closesAt the end of the window, exclusive: a fill at this instant opens the next window
     * @param notionalPaise the sum of price times quantity of the window's fills
     */
    public record Window(String orderId, String symbol, String side, String firstEventId, Instant openedAt, Instant closesAt,
            int fills, long quantityShares, long notionalPaise, long orderQuantityShares, long filledQuantityShares) {

        /** The window's volume-weighted average price in paise, rounded half up. */
        public long averagePricePaise() {
            return Math.addExact(notionalPaise, quantityShares / 2) / quantityShares;
        }
    }

    /**
     * The outcome of one input.
     *
     * @param closed the window to send a message for now, if any
     * @param open the window still open afterwards, if any
     */
    public record Step(Optional<Window> closed, Optional<Window> open) {
    }

    /**
     * Adds a fill to the order's open window, or closes that window and opens one with the fill when it is
     * over. A fill that completes the order opens and keeps no window: its {@code FILLED} follows, and the
     * order-filled message tells the whole order (see {@link #completed}), so there is nothing to keep until
     * then; a window that is over still closes with its message.
     */
    public Step fill(final Optional<Window> open, final Fill fill) {
        final boolean over = open.isPresent() && !fill.at().isBefore(open.get().closesAt());
        if (fill.completesOrder()) {
            return new Step(over ? open : Optional.empty(), Optional.empty());
        }
        if (open.isPresent() && !over) {
            final Window w = open.get();
            return new Step(Optional.empty(), Optional.of(new Window(w.orderId(), w.symbol(), w.side(), w.firstEventId(),
                    w.openedAt(), w.closesAt(), w.fills() + 1, Math.addExact(w.quantityShares(), fill.quantityShares()),
                    Math.addExact(w.notionalPaise(), Math.multiplyExact(fill.quantityShares(), fill.pricePaise())),
                    fill.orderQuantityShares(), fill.filledQuantityShares())));
        }
        final Window next = new Window(fill.orderId(), fill.symbol(), fill.side(), fill.eventId(), fill.at(),
                fill.at().plus(window), 1, fill.quantityShares(), Math.multiplyExact(fill.quantityShares(), fill.pricePaise()),
                fill.orderQuantityShares(), fill.filledQuantityShares());
        return new Step(open, Optional.of(next));
    }

    /** The window, if time {@code now} has reached its end. */
    public Optional<Window> due(final Window open, final Instant now) {
        return now.isBefore(open.closesAt()) ? Optional.empty() : Optional.of(open);
    }

    /**
     * The order was cancelled or expired: its open window closes at once, so the fills are told before
     * the ending.
     */
    public Step ended(final Optional<Window> open) {
        return new Step(open, Optional.empty());
    }

    /**
     * The order filled completely: the open window closes without a message of its own, as the
     * order-filled message carries the order's total quantity and average price, these fills included.
     */
    public Step completed(final Optional<Window> open) {
        return new Step(Optional.empty(), Optional.empty());
    }
}
