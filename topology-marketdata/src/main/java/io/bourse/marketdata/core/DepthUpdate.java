package io.bourse.marketdata.core;

import java.util.List;

/**
 * One book update of a symbol: the levels one matching command changed.
 *
 * @param sequence per-symbol book sequence, starting at 1 and increasing by exactly 1 per update
 * @param timeMs time matching applied the change
 * @param levels the changed levels with their new absolute state
 */
public record DepthUpdate(long sequence, long timeMs, List<LevelUpdate> levels) {

    public DepthUpdate {
        levels = List.copyOf(levels);
    }
}
