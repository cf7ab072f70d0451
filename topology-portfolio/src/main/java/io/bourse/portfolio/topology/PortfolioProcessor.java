package io.bourse.portfolio.topology;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The shape every portfolio processor shares: open a {@link CommandScope} for the record, let the
 * subclass decide, flush the outputs in the record's transaction.
 */
abstract class PortfolioProcessor<V> implements Processor<String, V, String, SpecificRecord> {

    private ProcessorContext<String, SpecificRecord> context;
    private PortfolioRepository repository;

    @Override
    public final void init(final ProcessorContext<String, SpecificRecord> processorContext) {
        this.context = processorContext;
        this.repository = new PortfolioRepository(processorContext);
    }

    @Override
    public final void process(final Record<String, V> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        final int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(0);
        final CommandScope scope = new CommandScope(repository, time(record), partition);
        handle(record.key(), record.value(), scope);
        scope.flush(context);
    }

    /**
     * The time the record's changes and outputs carry: its timestamp, unless its source ranks it by
     * another (see {@link ResultsFirst}).
     */
    Instant time(final Record<String, V> record) {
        return Instant.ofEpochMilli(record.timestamp());
    }

    /** Applies one input for {@code userId}. */
    abstract void handle(String userId, V value, CommandScope scope);
}
