package io.bourse.marketdata.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A symbol's L2 book rebuilt from its book updates, with the sequence it reflects.
 *
 * <p><b>Sequence policy.</b> Updates are expected in order, {@code last + 1}.
 * <ul>
 *   <li>In order: applied.</li>
 *   <li>Gap (updates missing): applied anyway, and the gap is recorded ({@link #gapCount()},
 *       {@link #lastGapSequence()}). Each update carries the new absolute state of the levels it
 *       changed, so applying later updates converges level by level: only levels touched solely by
 *       the missing updates can be stale, until an update touches them again. Snapshots report
 *       {@code gapDetected} so clients know.</li>
 *   <li>Stale (duplicate or out of order, {@code <= last}): ignored, since applying an older absolute
 *       state would roll a level back.</li>
 * </ul>
 * A level whose new quantity is 0 (or, defensively, below 0) is removed.
 *
 * <p>Not thread-safe; one instance per symbol and processing step.
 */
public final class DepthBook {

    private final NavigableMap<Long, DepthLevel> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Long, DepthLevel> asks = new TreeMap<>();
    private long lastSequence;
    private long gapCount;
    private long lastGapSequence;

    /** An empty book before its first update. */
    public DepthBook() {
    }

    /** A book restored from its parts, e.g. read from a store. */
    public static DepthBook restore(final long lastSequence, final long gapCount, final long lastGapSequence,
            final Collection<DepthLevel> bids, final Collection<DepthLevel> asks) {
        final DepthBook book = new DepthBook();
        book.lastSequence = lastSequence;
        book.gapCount = gapCount;
        book.lastGapSequence = lastGapSequence;
        bids.forEach(level -> book.bids.put(level.pricePaise(), level));
        asks.forEach(level -> book.asks.put(level.pricePaise(), level));
        return book;
    }

    /** Applies {@code update} according to the sequence policy above. */
    public DepthResult apply(final DepthUpdate update) {
        final SequenceCheck check = SequenceCheck.of(lastSequence, update.sequence());
        if (check.outcome() == SequenceCheck.Outcome.STALE) {
            return new DepthResult(check, false, false);
        }
        final Long bidBefore = bestBidPaise();
        final Long askBefore = bestAskPaise();
        for (final LevelUpdate level : update.levels()) {
            final NavigableMap<Long, DepthLevel> side = level.side() == Side.BUY ? bids : asks;
            if (level.quantityShares() <= 0) {
                side.remove(level.pricePaise());
            } else {
                side.put(level.pricePaise(), new DepthLevel(level.pricePaise(), level.quantityShares(), level.orderCount()));
            }
        }
        lastSequence = update.sequence();
        if (check.outcome() == SequenceCheck.Outcome.GAP) {
            gapCount++;
            lastGapSequence = update.sequence();
        }
        final boolean topChanged = !Objects.equals(bidBefore, bestBidPaise()) || !Objects.equals(askBefore, bestAskPaise());
        return new DepthResult(check, true, topChanged);
    }

    /** The highest bid price, or {@code null} when there are no bids. */
    public Long bestBidPaise() {
        return bids.isEmpty() ? null : bids.firstKey();
    }

    /** The lowest ask price, or {@code null} when there are no asks. */
    public Long bestAskPaise() {
        return asks.isEmpty() ? null : asks.firstKey();
    }

    /** The best {@code levels} levels per side, with the sequence they reflect. */
    public DepthSnapshot snapshot(final int levels) {
        return new DepthSnapshot(lastSequence, gapCount > 0, top(bids, levels), top(asks, levels));
    }

    /** Every bid level, best first. */
    public List<DepthLevel> bids() {
        return List.copyOf(bids.values());
    }

    /** Every ask level, best first. */
    public List<DepthLevel> asks() {
        return List.copyOf(asks.values());
    }

    /** The last applied sequence, 0 before the first update. */
    public long lastSequence() {
        return lastSequence;
    }

    /** How many gaps were detected. */
    public long gapCount() {
        return gapCount;
    }

    /** The sequence of the update that followed the latest gap, 0 if none. */
    public long lastGapSequence() {
        return lastGapSequence;
    }

    private static List<DepthLevel> top(final Map<Long, DepthLevel> side, final int levels) {
        final List<DepthLevel> result = new ArrayList<>(Math.min(Math.max(levels, 0), side.size()));
        for (final DepthLevel level : side.values()) {
            if (result.size() >= levels) {
                break;
            }
            result.add(level);
        }
        return result;
    }
}
