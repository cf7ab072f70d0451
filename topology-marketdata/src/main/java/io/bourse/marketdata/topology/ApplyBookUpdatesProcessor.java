package io.bourse.marketdata.topology;

import io.bourse.avro.matching.BookUpdate;
import io.bourse.marketdata.core.DepthBook;
import io.bourse.marketdata.core.DepthResult;
import io.bourse.marketdata.core.RollingTicker;
import io.bourse.marketdata.core.SequenceCheck;
import io.bourse.marketdata.core.TickerState;
import io.bourse.schemas.catalogue.MarketDataNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies book updates to the symbol's depth (see {@link DepthBook} for the sequence policy), logs
 * and counts gaps and stale updates, and when the best bid or ask moved, hands them to the rolling
 * ticker, which {@code aggregate-tickers} then publishes.
 */
final class ApplyBookUpdatesProcessor implements Processor<String, BookUpdate, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyBookUpdatesProcessor.class);

    private DepthRepository depth;
    private TickerRepository tickers;
    private EventCounter gaps;
    private EventCounter stale;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.depth = new DepthRepository(context);
        this.tickers = new TickerRepository(context);
        this.gaps = new EventCounter(context, MarketDataNames.APPLY_BOOK_UPDATES, "book-sequence-gaps");
        this.stale = new EventCounter(context, MarketDataNames.APPLY_BOOK_UPDATES, "stale-book-updates");
    }

    @Override
    public void process(final Record<String, BookUpdate> record) {
        final BookUpdate update = record.value();
        if (update == null) {
            return;
        }
        if (!update.getSymbol().equals(record.key())) {
            LOG.warn("Skipping book update {} of {}: keyed {}", update.getSequence(), update.getSymbol(), record.key());
            return;
        }
        final String symbol = record.key();
        final DepthBook book = depth.load(symbol);
        final DepthResult result = book.apply(MarketDataMapping.depthUpdate(update));
        final SequenceCheck check = result.sequenceCheck();
        if (check.outcome() == SequenceCheck.Outcome.GAP) {
            gaps.record();
            LOG.warn("Book updates of {} missing: expected sequence {}, got {} ({} missing); applied it, depth flagged",
                    symbol, check.expectedSequence(), check.receivedSequence(), check.missing());
        } else if (check.outcome() == SequenceCheck.Outcome.STALE) {
            stale.record();
            LOG.warn("Ignoring stale book update of {}: sequence {} after {}", symbol, check.receivedSequence(),
                    check.expectedSequence() - 1);
        }
        if (!result.applied()) {
            return;
        }
        depth.save(symbol, book);
        if (result.topOfBookChanged()) {
            final TickerState updated = RollingTicker.onQuotes(tickers.load(symbol), book.bestBidPaise(),
                    book.bestAskPaise(), update.getTimestampMs().toEpochMilli(), tickers.buckets(symbol));
            tickers.save(symbol, updated, record.timestamp());
        }
    }

    @Override
    public void close() {
        gaps.close();
        stale.close();
    }
}
