package io.bourse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.deadletter.DeadLetter;
import io.bourse.avro.deadletter.DeadLetterReason;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.streams.StreamsDefaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka Streams application with the house defaults on the in-process broker: exactly-once works
 * on one broker, a poison record is dead-lettered while the next one is processed, and a restart
 * after a leave-group close gets its partitions back without waiting for the session timeout.
 */
@Tag("broker")
class ExactlyOnceStreamsSmokeTest {

    private static final String OUTPUT = "smoke.command-ids";

    @TempDir
    Path dataDir;
    private EmbeddedInfrastructure infra;

    @BeforeEach
    void start() throws Exception {
        infra = new EmbeddedInfrastructure(dataDir.resolve("data"), 0, 0).start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(OUTPUT, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stop() {
        infra.close();
    }

    @Test
    void shouldProcessExactlyOnceDeadLetterPoisonAndResumeQuicklyAfterRestart() throws Exception {
        final Map<String, Object> config = StreamsDefaults.config("bourse-smoke", infra.bootstrapServers(),
                infra.schemaRegistryUrl(), dataDir.resolve("state").toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        KafkaStreams streams = start(config);
        sendRaw("user-1", "not avro at all".getBytes(StandardCharsets.UTF_8));
        EmbeddedInfrastructureTest.send(infra, EmbeddedInfrastructureTest.placeOrder("cmd-1", "user-1"));

        assertThat(values(readCommitted(OUTPUT, 1))).containsExactly("cmd-1");
        final List<ConsumerRecord<String, byte[]>> deadLetters =
                EmbeddedInfrastructureTest.readAll(infra.bootstrapServers(), Topics.DEAD_LETTERS, 1);
        final DeadLetter deadLetter = Topics.DEAD_LETTERS.valueSerde(serdeConfig()).deserializer()
                .deserialize(Topics.DEAD_LETTERS.name(), deadLetters.get(0).value());
        assertThat(deadLetter.getErrorCode()).isEqualTo(DeadLetterReason.MALFORMED_RECORD);
        assertThat(deadLetter.getSourceTopic()).isEqualTo(Topics.ORDERS_COMMANDS.name());
        assertThat(StandardCharsets.UTF_8.decode(deadLetter.getValue()).toString()).isEqualTo("not avro at all");
        assertThat(deadLetters.get(0).key()).isEqualTo(Topics.ORDERS_COMMANDS.name());

        assertThat(StreamsDefaults.close(streams, Duration.ofSeconds(30))).isTrue();
        final long restartedAt = System.nanoTime();
        streams = start(config);
        EmbeddedInfrastructureTest.send(infra, EmbeddedInfrastructureTest.placeOrder("cmd-2", "user-2"));
        // The broker's default session timeout is 45 s: resuming well inside it shows the old member left.
        assertThat(values(readCommitted(OUTPUT, 2))).containsExactly("cmd-1", "cmd-2");
        assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).isLessThan(Duration.ofSeconds(30));
        assertThat(StreamsDefaults.close(streams, Duration.ofSeconds(30))).isTrue();
    }

    private KafkaStreams start(final Map<String, Object> config) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.ORDERS_COMMANDS.name(),
                        Consumed.with(Topics.ORDERS_COMMANDS.keySerde(), Topics.ORDERS_COMMANDS.valueSerde(serdeConfig()))
                                .withName("read-order-commands"))
                .mapValues(OrderCommand::getCommandId)
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()).withName("write-command-ids"));
        final Topology topology = builder.build();
        final KafkaStreams streams = new KafkaStreams(topology, new StreamsConfig(config));
        streams.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private Map<String, Object> serdeConfig() {
        return Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl());
    }

    private void sendRaw(final String key, final byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ORDERS_COMMANDS.name(), key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private List<ConsumerRecord<String, byte[]>> readCommitted(final String topic, final int expected) {
        return EmbeddedInfrastructureTest.readAll(infra.bootstrapServers(), topic, 1, expected);
    }

    private static List<String> values(final List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
