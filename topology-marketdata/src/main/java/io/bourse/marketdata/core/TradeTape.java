package io.bourse.marketdata.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The last {@code capacity} trades of a symbol, kept as a ring of slots: the n-th trade taken
 * (n counted from 1) goes to slot {@code (n - 1) mod capacity}, overwriting the trade taken
 * {@code capacity} trades earlier. Each trade thus costs one small write, whatever the capacity.
 *
 * <p>Duplicates are filtered before the tape, so trades are taken in increasing sequence and the
 * ring holds exactly the last {@code capacity} of them. If the capacity changes, slots beyond the
 * new capacity keep older trades until they are overwritten; {@link #newestFirst} still returns the
 * newest ones first.
 */
public final class TradeTape {

    /** Default number of trades kept per symbol. */
    public static final int DEFAULT_CAPACITY = 100;

    private TradeTape() {
    }

    /** The slot of the {@code tradeNumber}-th trade (1-based). */
    public static int slot(final long tradeNumber, final int capacity) {
        if (tradeNumber < 1 || capacity < 1) {
            throw new IllegalArgumentException("tradeNumber and capacity must be positive: " + tradeNumber + ", " + capacity);
        }
        return (int) ((tradeNumber - 1) % capacity);
    }

    /** At most {@code limit} of {@code slots}' trades, newest (highest sequence) first. */
    public static List<TapeTrade> newestFirst(final Collection<TapeTrade> slots, final int limit) {
        return slots.stream()
                .sorted(Comparator.comparingLong(TapeTrade::sequence).reversed())
                .limit(Math.max(0, limit))
                .toList();
    }
}
