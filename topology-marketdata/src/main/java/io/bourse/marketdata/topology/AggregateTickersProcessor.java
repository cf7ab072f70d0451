package io.bourse.marketdata.topology;

import io.bourse.avro.market.Ticker;
import io.bourse.marketdata.core.RollingTicker;
import io.bourse.marketdata.core.TickerState;
import io.bourse.marketdata.core.TickerView;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Adds each trade to the symbol's rolling 24h ticker and emits the ticker. */
final class AggregateTickersProcessor implements Processor<String, AcceptedTrade, String, Ticker> {

    private ProcessorContext<String, Ticker> context;
    private TickerRepository tickers;

    @Override
    public void init(final ProcessorContext<String, Ticker> context) {
        this.context = context;
        this.tickers = new TickerRepository(context);
    }

    @Override
    public void process(final Record<String, AcceptedTrade> record) {
        final String symbol = record.key();
        final TickerState updated = RollingTicker.onTrade(tickers.load(symbol), record.value().tick(), tickers.buckets(symbol));
        tickers.save(symbol, updated);
        TickerView.of(updated).ifPresent(view -> context.forward(record.withValue(MarketDataMapping.ticker(symbol, view))));
    }
}
