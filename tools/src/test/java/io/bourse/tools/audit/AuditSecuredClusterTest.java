package io.bourse.tools.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.embedded.EmbeddedKafkaBroker;
import io.bourse.embedded.EmbeddedSchemaRegistry;
import io.bourse.schemas.catalogue.PartitionCounts;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.cluster.TopicProvisioner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit on a cluster that wants SASL and a schema registry behind HTTP basic auth, with the settings a
 * node takes ({@code BOURSE_KAFKA_CLIENT_*}, {@code BOURSE_SCHEMA_REGISTRY_USER_INFO}): it reaches the
 * topics through the secured listener alone and decodes what it reads with the registry's credentials.
 */
@Tag("broker")
class AuditSecuredClusterTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"auditor\" password=\"audit-secret\";";
    private static final String REGISTRY_USER_INFO = "bourse:registry-secret";

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        // The PLAINTEXT listener is the broker's own and the registry's; the audit is given only the SASL one.
        broker = EmbeddedKafkaBroker.withSaslPlainListener(dir.resolve("kafka"), Map.of("auditor", "audit-secret")).start();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", 0, (short) 1, REGISTRY_USER_INFO).start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, PartitionCounts.DEFAULT).ensure(Topics.ALL);
        }
        final KafkaEndpoints secured = endpoints(REGISTRY_USER_INFO);
        final OrderEvent rejected = new OrderEvent("u1-O1", 1L, OrderEventType.REJECTED, "o1", null, "u1", "TCS", Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC, 100L, 10L, 0L, 0L, 0L, null, null, null, null, null,
                ReasonCode.INSUFFICIENT_FUNDS, null, Instant.parse("2026-12-07T08:00:00Z"), null);
        final Serializer<OrderEvent> serializer = Topics.ORDERS_EVENTS.valueSerde(secured.serdeConfig()).serializer();
        try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(secured.clientConfig(Map.of()), new StringSerializer(),
                serializer)) {
            producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), "u1", rejected)).get();
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void shouldReadTheTopicsThroughSaslAndDecodeWithTheRegistrysCredentials() {
        final List<String> report = new ArrayList<>();

        final AuditMain.Report result = AuditMain.audit(endpoints(REGISTRY_USER_INFO), report::add);

        assertThat(result.skippedCount()).as(String.join("\n", report)).isZero();
        assertThat(result.records()).as(String.join("\n", report)).isEqualTo(1);
        assertThat(result.violations()).as(String.join("\n", report)).isEmpty();
    }

    @Test
    void shouldSkipWhatItCannotDecodeWithoutTheRegistrysCredentials() {
        final List<String> report = new ArrayList<>();

        final AuditMain.Report result = AuditMain.audit(endpoints(null), report::add);

        assertThat(result.skippedCount()).as(String.join("\n", report)).isEqualTo(1);
        assertThat(result.records()).isZero();
    }

    /** What {@code bourse audit} builds from a node's environment variables for this cluster. */
    private static KafkaEndpoints endpoints(final String registryUserInfo) {
        final Map<String, String> environment = new HashMap<>(Map.of(
                "BOURSE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "BOURSE_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN",
                "BOURSE_KAFKA_CLIENT_SASL_JAAS_CONFIG", JAAS));
        if (registryUserInfo != null) {
            environment.put(KafkaEndpoints.ENV_REGISTRY_USER_INFO, registryUserInfo);
        }
        return KafkaEndpoints.fromEnvironment(broker.saslBootstrapServers(), registry.url(), environment);
    }
}
