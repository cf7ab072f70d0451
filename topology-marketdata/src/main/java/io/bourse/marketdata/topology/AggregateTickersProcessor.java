package io.bourse.marketdata.topology;

import io.bourse.avro.market.Ticker;
import io.bourse.marketdata.core.RollingTicker;
import io.bourse.marketdata.core.TickerView;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Adds each trade to the symbol's rolling 24h ticker. Every publish interval (wall clock) it emits
 * the ticker of each symbol whose ticker changed, by a trade here or by a move of the best bid or
 * ask in {@code apply-book-updates}: once per symbol and interval, however many changes there were.
 * The changed symbols are kept in a logged store, as the candles' are (see {@link AggregateCandlesProcessor}).
 */
final class AggregateTickersProcessor implements Processor<String, AcceptedTrade, String, Ticker> {

    private final Duration publishInterval;
    private ProcessorContext<String, Ticker> context;
    private TickerRepository tickers;

    AggregateTickersProcessor(final Duration publishInterval) {
        this.publishInterval = publishInterval;
    }

    @Override
    public void init(final ProcessorContext<String, Ticker> context) {
        this.context = context;
        this.tickers = new TickerRepository(context);
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(final Record<String, AcceptedTrade> record) {
        final String symbol = record.key();
        tickers.save(symbol, RollingTicker.onTrade(tickers.load(symbol), record.value().tick(), tickers.buckets(symbol)),
                record.timestamp());
    }

    private void publish() {
        for (final KeyValue<String, Long> changed : tickers.takeUnpublished()) {
            final String symbol = changed.key;
            TickerView.of(tickers.load(symbol)).ifPresent(view ->
                    context.forward(new Record<>(symbol, MarketDataMapping.ticker(symbol, view), changed.value)));
        }
    }
}
