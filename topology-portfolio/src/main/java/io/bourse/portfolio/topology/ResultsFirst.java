package io.bourse.portfolio.topology;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The timestamp the portfolio's task ranks a matching result by: its record timestamp an hour early,
 * so that a result is settled before any command that reached the portfolio less than an hour before
 * it.
 *
 * <p>A task takes the input whose head record is oldest. A fill carries its symbol's newest time
 * (matching's clock), while the commands of a user partition that has fallen behind are older: by
 * timestamp alone, a busy portfolio would settle fills, and release what they reserved, only after it
 * had worked off every command before them, tens of seconds behind the verdicts. Results never starve
 * commands: each one answers a command the portfolio has already passed on.
 *
 * <p>The rank is for ordering only. The settlement processor takes a result's time from its payload
 * (which equals its record timestamp), so balances, ledger postings and events carry the engine's
 * time; only the stores' changelog records carry the earlier one.
 */
final class ResultsFirst implements TimestampExtractor {

    /** How much earlier than its own time a result ranks. */
    static final Duration LEAD = Duration.ofHours(1);

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        final long timestamp = record.timestamp();
        // A negative timestamp stays negative: Kafka Streams then skips the record and counts it dropped.
        return timestamp < 0 ? timestamp : Math.max(0, timestamp - LEAD.toMillis());
    }
}
