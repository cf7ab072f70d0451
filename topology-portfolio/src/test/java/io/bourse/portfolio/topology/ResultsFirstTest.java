package io.bourse.portfolio.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ResultsFirstTest {

    private final ResultsFirst extractor = new ResultsFirst();

    @Test
    void shouldRankAResultAnHourBeforeItsOwnTime() {
        final long at = 1_796_000_000_000L;
        assertThat(extractor.extract(record(at), at)).isEqualTo(at - 3_600_000L);
    }

    @Test
    void shouldNeverRankBeforeTheEpochNorRescueAnInvalidTimestamp() {
        assertThat(extractor.extract(record(1_000L), 0)).isZero();
        // Negative: Kafka Streams skips the record and counts it dropped, as it does for any extractor.
        assertThat(extractor.extract(record(-1L), 0)).isEqualTo(-1L);
    }

    private static ConsumerRecord<Object, Object> record(final long timestamp) {
        return new ConsumerRecord<>("matching.results", 0, 0L, timestamp, TimestampType.CREATE_TIME, 0, 0, "user", "result",
                new RecordHeaders(), Optional.empty());
    }
}
