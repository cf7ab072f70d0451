package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.TapeTrade;
import io.bourse.marketdata.core.TradeTick;

/**
 * A trade that passed de-duplication, as handed from {@code deduplicate-trades} to the aggregations.
 *
 * @param tick what candles and tickers need
 * @param tape what the public tape shows
 * @param watermarkMs the latest trade time of the symbol, this trade included
 * @param tradeNumber how many trades of the symbol were taken, this one included
 */
record AcceptedTrade(TradeTick tick, TapeTrade tape, long watermarkMs, long tradeNumber) {
}
