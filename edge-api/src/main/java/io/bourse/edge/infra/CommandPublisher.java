package io.bourse.edge.infra;

import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.serde.SpecificAvroSerializer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;

/**
 * Writes the edge's commands and events (orders, accounts, payments) to their topics through the
 * catalogue's serdes. Idempotent and acks=all: a command the client was told about is never lost.
 */
@Component
public class CommandPublisher implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;

    public CommandPublisher(final KafkaEndpoints endpoints) {
        // One Avro serializer serves every topic: it writes each record's own schema under <topic>-value.
        final SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(endpoints.serdeConfig(), false);
        this.producer = new KafkaProducer<>(endpoints.clientConfig(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.CLIENT_ID_CONFIG, "bourse-edge")), new StringSerializer(), values);
    }

    /** Sends {@code value} keyed by {@code key}; completes when the broker has it. */
    public <V extends SpecificRecord> CompletableFuture<RecordMetadata> send(final Topic<V> topic, final String key, final V value) {
        final CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
            if (error == null) {
                done.complete(metadata);
            } else {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
