package io.bourse.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.deadletter.DeadLetter;
import io.bourse.avro.deadletter.DeadLetterReason;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.SchemaNotFoundException;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import io.bourse.schemas.serde.MalformedRecordException;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.AvroTypeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2025-03-14T10:00:00Z");

    @Test
    void shouldClassifyUnknownSchemaId() {
        assertThat(DeadLetters.reasonFor(new SchemaNotFoundException(SchemaNotFoundException.SCHEMA_NOT_FOUND, "gone")))
                .isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void shouldClassifyUnreachableRegistry() {
        assertThat(DeadLetters.reasonFor(new SchemaRegistryUnavailableException("down", null)))
                .isEqualTo(DeadLetterReason.REGISTRY_UNAVAILABLE);
    }

    @Test
    void shouldClassifyBadBytesAsMalformed() {
        assertThat(DeadLetters.reasonFor(new MalformedRecordException("short")))
                .isEqualTo(DeadLetterReason.MALFORMED_RECORD);
        assertThat(DeadLetters.reasonFor(new MalformedRecordException("eof", new EOFException())))
                .isEqualTo(DeadLetterReason.MALFORMED_RECORD);
    }

    @Test
    void shouldClassifyWriterReaderMismatch() {
        assertThat(DeadLetters.reasonFor(new MalformedRecordException("cannot decode",
                new AvroTypeException("missing required field"))))
                .isEqualTo(DeadLetterReason.SCHEMA_MISMATCH);
        assertThat(DeadLetters.reasonFor(new AvroTypeException("missing required field")))
                .isEqualTo(DeadLetterReason.SCHEMA_MISMATCH);
    }

    @Test
    void shouldLookThroughWrappingExceptions() {
        assertThat(DeadLetters.reasonFor(new StreamsException(new RuntimeException(
                new SchemaNotFoundException(SchemaNotFoundException.SCHEMA_NOT_FOUND, "gone")))))
                .isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void shouldClassifyAnythingElseAsProcessingError() {
        assertThat(DeadLetters.reasonFor(new IllegalStateException("bug"))).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
    }

    @Test
    void shouldKeepOriginalBytesHeadersAndPosition() {
        final byte[] key = "user-7".getBytes(StandardCharsets.UTF_8);
        final byte[] value = {0, 0, 0, 0, 9, 1, 2};
        final RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "first".getBytes(StandardCharsets.UTF_8));
        headers.add("trace", "second".getBytes(StandardCharsets.UTF_8));
        headers.add("empty", null);

        final DeadLetter letter = DeadLetters.of("bourse-portfolio", Topics.ORDERS_COMMANDS.name(), 4, 1234L,
                1_700_000_000_000L, key, value, headers, new MalformedRecordException("bad"), NOW);

        assertThat(letter.getSourceTopic()).isEqualTo(Topics.ORDERS_COMMANDS.name());
        assertThat(letter.getSourcePartition()).isEqualTo(4);
        assertThat(letter.getSourceOffset()).isEqualTo(1234L);
        assertThat(letter.getApplication()).isEqualTo("bourse-portfolio");
        assertThat(letter.getErrorCode()).isEqualTo(DeadLetterReason.MALFORMED_RECORD);
        assertThat(letter.getErrorMessage()).isEqualTo("bad");
        assertThat(letter.getExceptionClass()).isEqualTo(MalformedRecordException.class.getName());
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(key));
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(letter.getHeaders()).containsOnlyKeys("trace", "empty");
        assertThat(letter.getHeaders().get("trace")).isEqualTo(ByteBuffer.wrap("second".getBytes(StandardCharsets.UTF_8)));
        assertThat(letter.getHeaders().get("empty").remaining()).isZero();
        assertThat(letter.getRecordTimestampMs()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(letter.getDeadLetteredAtMs()).isEqualTo(NOW);
    }

    @Test
    void shouldLeaveAbsentPartsNull() {
        final DeadLetter letter = DeadLetters.of("app", Topics.ORDERS_COMMANDS.name(), 0, 0L, -1L, null, null, null,
                new IllegalStateException(), NOW);

        assertThat(letter.getKey()).isNull();
        assertThat(letter.getValue()).isNull();
        assertThat(letter.getHeaders()).isEmpty();
        assertThat(letter.getRecordTimestampMs()).isNull();
        assertThat(letter.getErrorCode()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
    }
}
