package io.bourse.marketdata.topology;

import io.bourse.avro.market.Candle;
import io.bourse.marketdata.core.CandleAggregation;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.schemas.catalogue.MarketDataNames;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds each trade to its open candles and emits every candle it changed (the forming candle
 * included, for live charts); counts and logs intervals for which the trade came after the grace.
 */
final class AggregateCandlesProcessor implements Processor<String, AcceptedTrade, String, Candle> {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateCandlesProcessor.class);

    private final long graceMs;
    private ProcessorContext<String, Candle> context;
    private CandleRepository candles;
    private EventCounter lateTrades;

    AggregateCandlesProcessor(final Duration grace) {
        this.graceMs = grace.toMillis();
    }

    @Override
    public void init(final ProcessorContext<String, Candle> context) {
        this.context = context;
        this.candles = new CandleRepository(context);
        this.lateTrades = new EventCounter(context, MarketDataNames.AGGREGATE_CANDLES, "late-trades-dropped");
    }

    @Override
    public void process(final Record<String, AcceptedTrade> record) {
        final String symbol = record.key();
        final AcceptedTrade trade = record.value();
        final CandleAggregation.Plan plan = CandleAggregation.plan(trade.tick(), trade.watermarkMs(), graceMs);
        if (!plan.late().isEmpty()) {
            lateTrades.record();
            LOG.info("Trade {} of {} at {} came after the grace for its {} candles (watermark {}); left out of them",
                    trade.tape().tradeId(), symbol, trade.tick().timeMs(), plan.late(), trade.watermarkMs());
        }
        for (final CandleAggregation.Target target : plan.open()) {
            final CandleInterval interval = target.interval();
            final Ohlcv updated = candles.add(symbol, interval, target.windowStartMs(), trade.tick());
            context.forward(record.withValue(MarketDataMapping.candle(symbol, interval, target.windowStartMs(), updated)));
        }
    }

    @Override
    public void close() {
        lateTrades.close();
    }
}
