package io.bourse.marketdata.topology;

import io.bourse.avro.market.Candle;
import io.bourse.marketdata.core.CandleAggregation;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.schemas.catalogue.MarketDataNames;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds each trade to its open candles and notes which candles changed; every publish interval (wall
 * clock) it emits each changed candle once, the forming candle included, for live charts. So a busy
 * symbol costs one candle record per interval and publish interval, not five per trade. The notes
 * live in a logged store and are deleted in the transaction that publishes them, so under
 * exactly-once a crash neither loses nor repeats a candle change. Counts and logs intervals for
 * which a trade came after the grace.
 */
final class AggregateCandlesProcessor implements Processor<String, AcceptedTrade, String, Candle> {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateCandlesProcessor.class);

    private final long graceMs;
    private final Duration publishInterval;
    private ProcessorContext<String, Candle> context;
    private CandleRepository candles;
    private EventCounter lateTrades;

    AggregateCandlesProcessor(final Duration grace, final Duration publishInterval) {
        this.graceMs = grace.toMillis();
        this.publishInterval = publishInterval;
    }

    @Override
    public void init(final ProcessorContext<String, Candle> context) {
        this.context = context;
        this.candles = new CandleRepository(context);
        this.lateTrades = new EventCounter(context, MarketDataNames.AGGREGATE_CANDLES, "late-trades-dropped");
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
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
        if (plan.open().isEmpty()) {
            return;
        }
        for (final CandleAggregation.Target target : plan.open()) {
            candles.add(symbol, target.interval(), target.windowStartMs(), trade.tick());
        }
        candles.markUnpublished(symbol, plan.open(), record.timestamp());
    }

    private void publish() {
        for (final KeyValue<String, UnpublishedCandles> changed : candles.takeUnpublished()) {
            final String symbol = changed.key;
            for (final Map.Entry<CandleInterval, UnpublishedCandles.WindowRange> windows : changed.value.windows().entrySet()) {
                final CandleInterval interval = windows.getKey();
                for (final KeyValue<Long, Ohlcv> candle : candles.candles(symbol, interval, windows.getValue())) {
                    context.forward(new Record<>(symbol, MarketDataMapping.candle(symbol, interval, candle.key, candle.value),
                            changed.value.timestampMs()));
                }
            }
        }
    }

    @Override
    public void close() {
        lateTrades.close();
    }
}
