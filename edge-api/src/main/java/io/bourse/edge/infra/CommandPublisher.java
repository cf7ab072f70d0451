package io.bourse.edge.infra;

import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
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
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl());
        final Map<String, Serializer<SpecificRecord>> byTopic = new HashMap<>();
        for (final Topic<?> topic : Topics.ALL) {
            byTopic.put(topic.name(), serializer(topic, serde));
        }
        final Serializer<SpecificRecord> dispatch = (topicName, value) -> byTopic.get(topicName).serialize(topicName, value);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.CLIENT_ID_CONFIG, "bourse-edge"), new StringSerializer(), dispatch);
    }

    @SuppressWarnings("unchecked")
    private static Serializer<SpecificRecord> serializer(final Topic<?> topic, final Map<String, Object> serde) {
        return (Serializer<SpecificRecord>) (Serializer<?>) topic.valueSerde(serde).serializer();
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
