package io.bourse.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.AvroSchemas;
import io.bourse.schemas.registry.CompatibilityLevel;
import io.bourse.schemas.registry.RegisteredSchema;
import io.bourse.schemas.registry.SchemaRegistryState;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry in the compacted {@code _schemas} topic, in the JSON record layout the
 * Confluent Schema Registry uses, so ids survive restarts. A change is acknowledged by the broker
 * (acks=all) before it becomes visible.
 */
final class KafkaSchemaJournal implements SchemaRegistryState.Journal, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    KafkaSchemaJournal(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "bourse-schema-registry"),
                new StringSerializer(), new StringSerializer());
    }

    /** Creates {@code _schemas} if missing and replays it into {@code state}. */
    void load(final SchemaRegistryState state, final short replicationFactor) {
        ensureTopic(replicationFactor);
        final TopicPartition partition = new TopicPartition(Topics.SCHEMAS, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(state, record.key(), record.value());
                }
            }
        }
    }

    @Override
    public void schemaRegistered(final RegisteredSchema schema) {
        final ObjectNode key = JSON.createObjectNode()
                .put("keytype", "SCHEMA").put("subject", schema.subject()).put("version", schema.version()).put("magic", 1);
        final ObjectNode value = JSON.createObjectNode()
                .put("subject", schema.subject()).put("version", schema.version()).put("id", schema.id())
                .put("schema", schema.schema().toString()).put("deleted", false);
        write(key.toString(), value.toString());
    }

    @Override
    public void compatibilityChanged(final String subject, final CompatibilityLevel level) {
        final ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject).put("magic", 0);
        write(key.toString(), JSON.createObjectNode().put("compatibilityLevel", level.name()).toString());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void write(final String key, final String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SCHEMAS, 0, key, value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("Interrupted while storing a schema", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new SchemaRegistryUnavailableException("Cannot store schema change in " + Topics.SCHEMAS + ": " + e, e);
        }
    }

    private static void apply(final SchemaRegistryState state, final String keyText, final String valueText) {
        if (keyText == null || valueText == null) {
            return;
        }
        try {
            final JsonNode key = JSON.readTree(keyText);
            final JsonNode value = JSON.readTree(valueText);
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> {
                    if (!value.path("deleted").asBoolean(false)) {
                        state.apply(new RegisteredSchema(value.path("subject").asText(), value.path("version").asInt(),
                                value.path("id").asInt(), AvroSchemas.parse(value.path("schema").asText())));
                    }
                }
                case "CONFIG" -> state.applyCompatibility(key.hasNonNull("subject") ? key.get("subject").asText() : null,
                        CompatibilityLevel.valueOf(value.path("compatibilityLevel").asText()));
                default -> {
                    // Other record kinds of Confluent's layout (NOOP, MODE, DELETE_SUBJECT) carry nothing we serve.
                }
            }
        } catch (final IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable record in {}: {}", Topics.SCHEMAS, keyText, e);
        }
    }

    private void ensureTopic(final short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(Topics.SCHEMAS, 1, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + Topics.SCHEMAS, e);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Timed out creating " + Topics.SCHEMAS, e);
        }
    }
}
