package io.bourse.connectors.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.matching.Trade;
import io.bourse.connectors.SampleRecords;
import io.bourse.connectors.SinkConnectors;
import io.bourse.embedded.EmbeddedExtension;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            final EmbeddedExtension.Context context = new EmbeddedExtension.Context(dataDir, infra.bootstrapServers(),
                    infra.schemaRegistryUrl(), Map.of(JdbcSinkExtension.ENV_EMBEDDED_POSTGRES, "true",
                            JdbcSinkExtension.ENV_POSTGRES_PORT, "0"));
            try (EmbeddedExtension.Running sink = new JdbcSinkExtension().start(context).orElseThrow()) {
                final String url = sink.summary().replaceAll(".*(jdbc:postgresql:\\S+).*", "$1");
                final Trade trade = SampleRecords.trade("HDFCBANK", 1);
                try (KafkaProducer<String, Trade> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                        Topics.TRADES_EXECUTED.keySerde().serializer(),
                        Topics.TRADES_EXECUTED.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl()))
                                .serializer())) {
                    producer.send(new ProducerRecord<>(Topics.TRADES_EXECUTED.name(), trade.getSymbol(), trade))
                            .get(30, TimeUnit.SECONDS);
                }

                await().atMost(Duration.ofSeconds(60)).until(() -> tradeCount(url) == 1);
                assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
            }
        }
    }

    private EmbeddedExtension.Context context(final Map<String, String> environment) {
        return new EmbeddedExtension.Context(dataDir, "localhost:1", "http://localhost:1", environment);
    }

    private static long tradeCount(final String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM trades WHERE symbol = 'HDFCBANK'")) {
            result.next();
            return result.getLong(1);
        }
    }
}
