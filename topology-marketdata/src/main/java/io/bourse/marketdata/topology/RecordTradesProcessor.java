package io.bourse.marketdata.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Puts each trade on the symbol's tape of the last N trades. */
final class RecordTradesProcessor implements Processor<String, AcceptedTrade, Void, Void> {

    private final int capacity;
    private TradeTapeRepository tape;

    RecordTradesProcessor(final int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.tape = new TradeTapeRepository(context, capacity);
    }

    @Override
    public void process(final Record<String, AcceptedTrade> record) {
        tape.record(record.key(), record.value().tradeNumber(), record.value().tape());
    }
}
