package io.bourse.matching.core;

/** Receives price levels, best first. */
@FunctionalInterface
public interface LevelConsumer {

    void level(long pricePaise, long quantityShares, int orderCount);
}
