package io.bourse.marketdata.core;

import java.util.Objects;

/**
 * A trade as shown on the public tape: no order or user ids.
 *
 * @param tradeId the exchange trade id
 * @param sequence per-symbol trade sequence
 * @param timeMs execution time, epoch milliseconds
 * @param pricePaise execution price
 * @param quantityShares executed quantity
 * @param aggressorSide side of the taker order
 */
public record TapeTrade(String tradeId, long sequence, long timeMs, long pricePaise, long quantityShares,
        Side aggressorSide) {

    public TapeTrade {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(aggressorSide, "aggressorSide");
    }
}
