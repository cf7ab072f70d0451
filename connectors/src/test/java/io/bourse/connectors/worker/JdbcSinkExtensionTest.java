package io.bourse.connectors.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.matching.Trade;
import io.bourse.connectors.SampleRecords;
import io.bourse.connectors.SinkConnectors;
import io.bourse.embedded.EmbeddedExtension;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.embedded.EmbeddedKafkaBroker;
import io.bourse.embedded.EmbeddedSchemaRegistry;
import io.bourse.schemas.cluster.TopicProvisioner;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("broker")
@Tag("database")
class JdbcSinkExtensionTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldBeFoundByTheLauncher() {
        assertThat(ServiceLoader.load(EmbeddedExtension.class).stream().map(ServiceLoader.Provider::type))
                .contains(JdbcSinkExtension.class);
    }

    @Test
    void shouldStayOffUnlessADatabaseIsConfigured() {
        final Optional<EmbeddedExtension.Running> started = new JdbcSinkExtension().start(context(Map.of()));

        assertThat(started).isEmpty();
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void shouldRefuseBothAnExternalAndAnEmbeddedDatabase() {
        assertThatThrownBy(() -> new JdbcSinkExtension().start(context(Map.of(
                SinkConnectors.ENV_JDBC_URL, "jdbc:postgresql://localhost/bourse",
                JdbcSinkExtension.ENV_EMBEDDED_POSTGRES, "true"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStartAnEmbeddedPostgresAndFillItFromTheTopics() throws Exception {
        try (EmbeddedInfrastructure infra = new EmbeddedInfrastructure(dataDir.resolve("kafka-broker"), 0, 0).start()) {
            final EmbeddedExtension.Context context = new EmbeddedExtension.Context(dataDir,
                    new KafkaEndpoints(infra.bootstrapServers(), infra.schemaRegistryUrl()), (short) 1,
                    Map.of(JdbcSinkExtension.ENV_EMBEDDED_POSTGRES, "true", JdbcSinkExtension.ENV_POSTGRES_PORT, "0"));
            try (EmbeddedExtension.Running sink = new JdbcSinkExtension().start(context).orElseThrow()) {
                send(context.cluster(), SampleRecords.trade("HDFCBANK", 1));

                await().atMost(Duration.ofSeconds(60)).until(() -> tradeCount(url(sink), "HDFCBANK") == 1);
                assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
            }
        }
    }

    @Test
    void shouldFillTheDatabaseThroughASaslListenerAndARegistryBehindBasicAuth() throws Exception {
        final Map<String, String> environment = Map.of(
                JdbcSinkExtension.ENV_EMBEDDED_POSTGRES, "true", JdbcSinkExtension.ENV_POSTGRES_PORT, "0",
                "BOURSE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "BOURSE_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN",
                "BOURSE_KAFKA_CLIENT_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"analytics\" password=\"sink-secret\";",
                KafkaEndpoints.ENV_REGISTRY_USER_INFO, "analytics:registry-secret");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.withSaslPlainListener(dataDir.resolve("kafka-broker"),
                     Map.of("analytics", "sink-secret")).start();
             EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", 0, (short) 1,
                     "analytics:registry-secret").start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, topic -> 1).ensure(Topics.ALL);
            // The worker, its sink tasks' consumers and their dead-letter producers get only the SASL listener.
            final KafkaEndpoints cluster = KafkaEndpoints.fromEnvironment(broker.saslBootstrapServers(), registry.url(), environment);
            try (EmbeddedExtension.Running sink = new JdbcSinkExtension().start(new EmbeddedExtension.Context(dataDir, cluster,
                    (short) 1, environment)).orElseThrow()) {
                send(cluster, SampleRecords.trade("ICICIBANK", 1));

                await().atMost(Duration.ofSeconds(60)).until(() -> tradeCount(url(sink), "ICICIBANK") == 1);
            }
        }
    }

    /** Writes {@code trade} through {@code cluster}'s listener and registry, with their credentials. */
    private static void send(final KafkaEndpoints cluster, final Trade trade) throws Exception {
        try (KafkaProducer<String, Trade> producer = new KafkaProducer<>(cluster.clientConfig(Map.of()),
                Topics.TRADES_EXECUTED.keySerde().serializer(), Topics.TRADES_EXECUTED.valueSerde(cluster.serdeConfig()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.TRADES_EXECUTED.name(), trade.getSymbol(), trade)).get(30, TimeUnit.SECONDS);
        }
    }

    private static String url(final EmbeddedExtension.Running sink) {
        return sink.summary().replaceAll(".*(jdbc:postgresql:\\S+).*", "$1");
    }

    private EmbeddedExtension.Context context(final Map<String, String> environment) {
        return new EmbeddedExtension.Context(dataDir, new KafkaEndpoints("localhost:1", "http://localhost:1"), (short) 1,
                environment);
    }

    private static long tradeCount(final String url, final String symbol) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM trades WHERE symbol = '" + symbol + "'")) {
            result.next();
            return result.getLong(1);
        }
    }
}
