package io.bourse.connectors.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.matching.Trade;
import io.bourse.connectors.SampleRecords;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.embedded.EmbeddedMain;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BOURSE_EMBEDDED_POSTGRES=true ./bourse run} as the script runs it: the node's embedded
 * broker and registry (the {@link EmbeddedInfrastructure} the node starts in-process, one broker),
 * then the connectors jar's entry point, {@link EmbeddedMain}, with the environment the script hands
 * it (the caller's variables plus {@code BOURSE_BOOTSTRAP_SERVERS} and {@code BOURSE_SCHEMA_REGISTRY_URL}
 * naming the node's cluster). Trades on the topic must arrive as rows in the embedded PostgreSQL.
 */
@Tag("broker")
@Tag("database")
class AnalyticsStartTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldFillTheEmbeddedPostgresFromTheNodesSingleBrokerWhenStartedAsTheLauncherDoes() throws Exception {
        try (EmbeddedInfrastructure node = new EmbeddedInfrastructure(dataDir.resolve("kafka"), 0, 0).start()) {
            final Map<String, String> environment = new HashMap<>(Map.of(
                    "BOURSE_EMBEDDED_POSTGRES", "true",
                    "BOURSE_POSTGRES_PORT", "0",
                    "BOURSE_DATA_DIR", dataDir.toString()));
            // What ./bourse adds for the worker (nothing sets BOURSE_REPLICATION_FACTOR).
            environment.put("BOURSE_BOOTSTRAP_SERVERS", node.bootstrapServers());
            environment.put("BOURSE_SCHEMA_REGISTRY_URL", node.schemaRegistryUrl());

            try (EmbeddedMain.Started worker = EmbeddedMain.start(environment)) {
                final KafkaEndpoints cluster = new KafkaEndpoints(node.bootstrapServers(), node.schemaRegistryUrl());
                for (long sequence = 1; sequence <= 3; sequence++) {
                    send(cluster, SampleRecords.trade("SBIN", sequence));
                }

                final String url = worker.banner().replaceAll("(?s).*Analytics database\\s*: (jdbc:postgresql:\\S+).*", "$1");
                assertThat(url).startsWith("jdbc:postgresql:");
                await().atMost(Duration.ofSeconds(90)).until(() -> tradeCount(url, "SBIN") == 3);
            }
        }
    }

    private static void send(final KafkaEndpoints cluster, final Trade trade) throws Exception {
        try (KafkaProducer<String, Trade> producer = new KafkaProducer<>(cluster.clientConfig(Map.of()),
                Topics.TRADES_EXECUTED.keySerde().serializer(), Topics.TRADES_EXECUTED.valueSerde(cluster.serdeConfig()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.TRADES_EXECUTED.name(), trade.getSymbol(), trade)).get(30, TimeUnit.SECONDS);
        }
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
