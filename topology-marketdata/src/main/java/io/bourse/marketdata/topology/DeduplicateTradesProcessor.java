package io.bourse.marketdata.topology;

import io.bourse.avro.matching.Trade;
import io.bourse.marketdata.core.TradeProgress;
import io.bourse.marketdata.core.TradeTick;
import io.bourse.schemas.catalogue.MarketDataNames;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes each trade on once: drops trades whose sequence is not above the symbol's last one
 * (duplicates) and trades that cannot be aggregated, and attaches the symbol's watermark and trade
 * number for the aggregations downstream.
 */
final class DeduplicateTradesProcessor implements Processor<String, Trade, String, AcceptedTrade> {

    private static final Logger LOG = LoggerFactory.getLogger(DeduplicateTradesProcessor.class);

    private ProcessorContext<String, AcceptedTrade> context;
    private TradeProgressRepository progress;
    private EventCounter duplicates;
    private EventCounter invalid;

    @Override
    public void init(final ProcessorContext<String, AcceptedTrade> context) {
        this.context = context;
        this.progress = new TradeProgressRepository(context);
        this.duplicates = new EventCounter(context, MarketDataNames.DEDUPLICATE_TRADES, "duplicate-trades");
        this.invalid = new EventCounter(context, MarketDataNames.DEDUPLICATE_TRADES, "invalid-trades");
    }

    @Override
    public void process(final Record<String, Trade> record) {
        final Trade trade = record.value();
        if (trade == null) {
            return;
        }
        final Optional<TradeTick> tick = MarketDataMapping.tick(trade);
        if (tick.isEmpty() || !trade.getSymbol().equals(record.key())) {
            invalid.record();
            LOG.warn("Skipping trade {} keyed {}: invalid (symbol {}, price {}, quantity {}, time {})", trade.getTradeId(),
                    record.key(), trade.getSymbol(), trade.getPricePaise(), trade.getQuantityShares(), trade.getTimestampMs());
            return;
        }
        final String symbol = record.key();
        final TradeProgress before = progress.load(symbol);
        if (before.isDuplicate(tick.get())) {
            duplicates.record();
            LOG.info("Skipping duplicate trade {}: sequence {} is not above {}", trade.getTradeId(),
                    trade.getSequence(), before.lastSequence());
            return;
        }
        final TradeProgress after = before.accept(tick.get());
        progress.save(symbol, after);
        context.forward(record.withValue(new AcceptedTrade(tick.get(), MarketDataMapping.tape(trade),
                after.watermarkMs(), after.tradeCount())));
    }

    @Override
    public void close() {
        duplicates.close();
        invalid.close();
    }
}
