package io.bourse.marketdata.core;

/** One resting price level: aggregate quantity (positive) and number of orders. */
public record DepthLevel(long pricePaise, long quantityShares, int orderCount) {
}
