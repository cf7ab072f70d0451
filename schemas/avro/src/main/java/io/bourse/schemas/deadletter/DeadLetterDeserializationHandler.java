package io.bourse.schemas.deadletter;

import io.bourse.avro.deadletter.DeadLetter;
import io.bourse.avro.deadletter.DeadLetterReason;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SpecificAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every record a topology cannot deserialize to {@link Topics#DEAD_LETTERS} as a
 * {@link DeadLetter} (original bytes, headers and the reason) and carries on with the next record.
 * The dead letter is written in the same transaction as the task's other output.
 *
 * <p>A record that failed because the registry was unreachable is not poison: a valid order or
 * fill set aside would be money lost. By default the task fails instead, so the record is read again
 * once the stream thread is replaced. {@value #ON_REGISTRY_UNAVAILABLE}{@code =dead-letter} sets such
 * records aside too, for topics where moving on matters more than every record. If the dead letter
 * itself cannot be encoded the handler fails rather than lose the record.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** {@code fail} (default) or {@code dead-letter}. */
    public static final String ON_REGISTRY_UNAVAILABLE = "bourse.dead-letter.on-registry-unavailable";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private final SpecificAvroSerializer<DeadLetter> serializer = new SpecificAvroSerializer<>();
    private String application = "unknown";
    private boolean failOnRegistryUnavailable = true;

    @Override
    public void configure(final Map<String, ?> configs) {
        serializer.configure(configs, false);
        final Object appId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        application = appId == null ? application : appId.toString();
        failOnRegistryUnavailable = !"dead-letter".equals(String.valueOf(configs.get(ON_REGISTRY_UNAVAILABLE)));
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
            final Exception exception) {
        final DeadLetterReason reason = DeadLetters.reasonFor(exception);
        if (reason == DeadLetterReason.REGISTRY_UNAVAILABLE && failOnRegistryUnavailable) {
            LOG.error("Schema registry unavailable while reading {}-{}@{}; failing the task to retry",
                    record.topic(), record.partition(), record.offset(), exception);
            return Response.fail();
        }
        final DeadLetter deadLetter = DeadLetters.of(application, record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value(), record.headers(), exception, Instant.now());
        final byte[] value;
        try {
            value = serializer.serialize(Topics.DEAD_LETTERS.name(), deadLetter);
        } catch (final RuntimeException e) {
            LOG.error("Cannot write dead letter for {}-{}@{}; failing the task so the record is not lost",
                    record.topic(), record.partition(), record.offset(), e);
            return Response.fail();
        }
        LOG.warn("Dead-lettered {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), reason,
                exception.getMessage());
        return Response.resume(List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null,
                record.topic().getBytes(StandardCharsets.UTF_8), value)));
    }
}
