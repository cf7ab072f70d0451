package io.bourse.marketdata.core;

import java.util.List;

/**
 * The top levels of a symbol's book as of book sequence {@code sequence}: a client that holds this
 * snapshot applies the updates with sequence {@code sequence + 1} onwards and misses nothing.
 *
 * @param sequence the last book sequence reflected, 0 before the first update
 * @param gapDetected whether a gap in the sequence was ever seen, i.e. a level may be stale
 * @param bids best (highest) price first
 * @param asks best (lowest) price first
 */
public record DepthSnapshot(long sequence, boolean gapDetected, List<DepthLevel> bids, List<DepthLevel> asks) {

    public DepthSnapshot {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
