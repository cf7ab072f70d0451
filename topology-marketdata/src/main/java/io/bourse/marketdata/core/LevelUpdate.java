package io.bourse.marketdata.core;

import java.util.Objects;

/**
 * The new state of one price level: its aggregate resting quantity and order count after the
 * change, not a difference. A quantity of 0 removes the level.
 */
public record LevelUpdate(Side side, long pricePaise, long quantityShares, int orderCount) {

    public LevelUpdate {
        Objects.requireNonNull(side, "side");
    }
}
