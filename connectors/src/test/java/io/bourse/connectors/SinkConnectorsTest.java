package io.bourse.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.connectors.database.JdbcTarget;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class SinkConnectorsTest {

    /** The JSON files as they sit in the source tree, which the cluster deployment mounts. */
    static final Path CONFIG_DIR = Path.of("src/main/resources", SinkConnectors.CONFIG_DIRECTORY);

    @Test
    void shouldHaveExactlyOneJsonFilePerCatalogueConnectorNamedAfterIt() throws IOException {
        try (Stream<Path> files = Files.list(CONFIG_DIR)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(SinkConnectors.ALL.stream().map(c -> c.name() + ".json").toList());
        }
        for (final SinkConnector connector : SinkConnectors.ALL) {
            assertThat(connector.config()).containsEntry("name", connector.name());
        }
        assertThat(SinkConnectors.ALL).extracting(SinkConnector::name).doesNotHaveDuplicates();
        assertThat(SinkConnectors.ALL).extracting(SinkConnector::table).doesNotHaveDuplicates();
    }

    @Test
    void shouldReadItsCatalogueTopicAndDeadLetterIntoTheCatalogueDeadLetterTopic() {
        for (final SinkConnector connector : SinkConnectors.ALL) {
            final Map<String, String> config = connector.config();
            assertThat(Topics.byName(config.get("topics"))).as(connector.name()).contains(connector.topic());
            assertThat(config).as(connector.name())
                    .containsEntry("collection.name.format", connector.table())
                    .containsEntry("errors.tolerance", "all")
                    .containsEntry("errors.deadletterqueue.topic.name", Topics.CONNECT_DEAD_LETTERS)
                    .containsEntry("consumer.override.isolation.level", "read_committed");
        }
    }

    @Test
    void shouldUpsertOnPrimaryKeysAndLeaveTheTablesToTheMigrations() {
        for (final SinkConnector connector : SinkConnectors.ALL) {
            assertThat(connector.config()).as(connector.name())
                    .containsEntry("insert.mode", "upsert")
                    .containsEntry("primary.key.mode", "record_value")
                    .containsEntry("schema.evolution", "none")
                    .containsEntry("delete.enabled", "false")
                    .containsEntry("use.reduction.buffer",
                            Boolean.toString(connector.mode() == SinkConnector.Mode.LATEST_STATE));
        }
    }

    @Test
    void shouldOnlyIncludeFieldsOfTheTopicsValueSchema() {
        for (final SinkConnector connector : SinkConnectors.ALL) {
            final Schema value = SpecificData.get().getSchema(connector.topic().valueType());
            final String rowField = ColumnMapping.rowField(connector);
            final Schema schema = rowField == null ? value : value.getField(rowField).schema().getElementType();
            final List<String> fields = schema.getFields().stream().map(Schema.Field::name).toList();
            assertThat(ColumnMapping.of(connector).keySet()).as(connector.name()).isSubsetOf(fields);
        }
    }

    @Test
    void shouldKeepTheKycIdentityOutOfTheAccountEventsTable() {
        assertThat(ColumnMapping.of(SinkConnectors.ACCOUNT_EVENTS).keySet())
                .doesNotContain("legalName", "panMasked")
                .noneMatch(field -> field.toLowerCase().contains("password"));
    }

    @Test
    void shouldFillEveryPlaceholderForTheEmbeddedWorker() {
        final JdbcTarget database = new JdbcTarget("jdbc:postgresql://localhost:5432/bourse", "bourse", null);
        for (final SinkConnector connector : SinkConnectors.ALL) {
            final Map<String, String> config = SinkConnectors.embeddedConfig(connector, database,
                    new KafkaEndpoints("localhost:9092", "http://localhost:8081", Map.of(), "analytics:registry-secret"), (short) 2);
            assertThat(config).as(connector.name())
                    .containsEntry("connection.url", database.url())
                    .containsEntry("connection.username", "bourse")
                    .doesNotContainKey("connection.password")
                    .containsEntry("value.converter", BourseAvroConverter.class.getName())
                    .containsEntry("value.converter.schema.registry.url", "http://localhost:8081")
                    .containsEntry("value.converter.basic.auth.user.info", "analytics:registry-secret")
                    .containsEntry("tasks.max", "1")
                    .containsEntry("errors.deadletterqueue.topic.replication.factor", "2");
            assertThat(config.values()).noneMatch(v -> v.contains("${"));
        }
    }

    @Test
    void shouldUseTheStockConfluentConverterAndEnvironmentPlaceholdersForClusters() {
        for (final SinkConnector connector : SinkConnectors.ALL) {
            assertThat(connector.config()).as(connector.name())
                    .containsEntry("value.converter", "io.confluent.connect.avro.AvroConverter")
                    .containsEntry("value.converter.schema.registry.url", "${env:" + SinkConnectors.ENV_SCHEMA_REGISTRY_URL + "}")
                    .containsEntry("connection.url", "${env:" + SinkConnectors.ENV_JDBC_URL + "}");
        }
    }
}
