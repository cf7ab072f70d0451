package io.bourse.connectors.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.connectors.ConnectCluster;
import io.bourse.connectors.SinkConnector;
import io.bourse.connectors.SinkConnectors;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The cluster deployment, checked without Docker: docker-compose.yml, the Dockerfile stages it
 * builds, Prometheus' configuration and the Grafana dashboard, against the topic and connector
 * catalogues.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");

    private static Map<String, Object> services;

    @BeforeAll
    static void loadCompose() throws IOException {
        services = map(load(COMPOSE_FILE).get("services"));
    }

    @Test
    void shouldRunThreeKraftBrokersWithReplicationFactorThreeAndMinInsyncReplicasTwo() {
        final Set<String> nodeIds = new HashSet<>();
        for (final String broker : BROKERS) {
            final Map<String, Object> service = service(broker);
            final Map<String, String> env = environment(broker);
            assertThat((String) service.get("image")).as(broker).startsWith("apache/kafka:");
            assertThat(env).as(broker)
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .containsKey("CLUSTER_ID");
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).as(broker).contains("PLAINTEXT://" + broker + ":9092");
            nodeIds.add(env.get("KAFKA_NODE_ID"));
        }
        assertThat(nodeIds).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(BROKERS.stream().map(b -> environment(b).get("CLUSTER_ID")).distinct()).hasSize(1);
    }

    @Test
    void shouldReplicateTheRegistryAndConnectTopicsThreeTimes() {
        assertThat(environment("schema-registry"))
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", Topics.SCHEMAS)
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "3");
        assertThat(environment("connect"))
                .containsEntry("CONNECT_GROUP_ID", ConnectCluster.GROUP_ID)
                .containsEntry("CONNECT_CONFIG_STORAGE_TOPIC", ConnectCluster.CONFIG_TOPIC)
                .containsEntry("CONNECT_OFFSET_STORAGE_TOPIC", ConnectCluster.OFFSET_TOPIC)
                .containsEntry("CONNECT_STATUS_STORAGE_TOPIC", ConnectCluster.STATUS_TOPIC)
                .containsEntry("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "3")
                .containsEntry("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "3")
                .containsEntry("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "3");
        for (final SinkConnector connector : SinkConnectors.ALL) {
            assertThat(connector.config()).as(connector.name())
                    .containsEntry("errors.deadletterqueue.topic.replication.factor", "3");
        }
    }

    @Test
    void shouldNameOnlyTopicsOfTheCatalogues() {
        final Set<String> known = new HashSet<>();
        Topics.ALL.stream().map(Topic::name).forEach(known::add);
        known.addAll(List.of(Topics.SCHEMAS, Topics.CONNECT_DEAD_LETTERS,
                ConnectCluster.CONFIG_TOPIC, ConnectCluster.OFFSET_TOPIC, ConnectCluster.STATUS_TOPIC));
        final List<String> named = new ArrayList<>();
        for (final String name : services.keySet()) {
            environment(name).forEach((key, value) -> {
                if (key.endsWith("_TOPIC")) {
                    named.add(value);
                }
            });
        }
        for (final SinkConnector connector : SinkConnectors.ALL) {
            named.add(connector.config().get("topics"));
            named.add(connector.config().get("errors.deadletterqueue.topic.name"));
        }
        assertThat(named).hasSizeGreaterThan(5).allSatisfy(topic -> assertThat(known).as("catalogue topics").contains(topic));
    }

    @Test
    void shouldApplyTheCatalogueConnectorsWithEveryVariableTheyReferTo() throws IOException {
        final Map<String, String> connectEnv = environment("connect");
        for (final SinkConnector connector : SinkConnectors.ALL) {
            for (final String value : connector.config().values()) {
                final Matcher placeholder = ENV_PLACEHOLDER.matcher(value);
                while (placeholder.find()) {
                    assertThat(connectEnv).as(connector.name()).containsKey(placeholder.group(1));
                }
            }
        }
        assertThat(connectEnv)
                .containsEntry("CONNECT_CONFIG_PROVIDERS", "env")
                .containsEntry("CONNECT_CONFIG_PROVIDERS_ENV_CLASS", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
                .containsEntry("CONNECT_CONSUMER_ISOLATION_LEVEL", "read_committed")
                .containsEntry("TZ", "UTC");
        final List<String> mounts = strings(service("connect-init").get("volumes"));
        assertThat(mounts).anySatisfy(m -> assertThat(m).startsWith("./connectors/src/main/resources/"
                + SinkConnectors.CONFIG_DIRECTORY + ":"));
        try (Stream<Path> files = Files.list(ROOT.resolve("connectors/src/main/resources").resolve(SinkConnectors.CONFIG_DIRECTORY))) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".json", "")))
                    .allSatisfy(name -> assertThat(SinkConnectors.byName(name)).as(name).isPresent());
        }
    }

    @Test
    void shouldReadTheTopicsWithConfluentsAvroConverterOnTheNodesRegistry() {
        final Map<String, String> connect = environment("connect");
        final String registry = environment("node").get("BOURSE_SCHEMA_REGISTRY_URL");
        assertThat(connect)
                .containsEntry("CONNECT_VALUE_CONVERTER", "io.confluent.connect.avro.AvroConverter")
                .containsEntry("CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL", registry)
                .containsEntry("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.storage.StringConverter")
                .containsEntry(SinkConnectors.ENV_SCHEMA_REGISTRY_URL, registry);
        assertThat(registry).startsWith("http://schema-registry:");
    }

    @Test
    void shouldRunTwoOrMoreNodesAgainstTheClusterWithReplicationFactorThree() {
        final Map<String, Object> node = service("node");
        assertThat((Integer) map(node.get("deploy")).get("replicas")).isGreaterThanOrEqualTo(2);
        assertThat(environment("node"))
                .containsEntry("BOURSE_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092")
                .doesNotContainKey(SinkConnectors.ENV_JDBC_URL);
        // A node creates the catalogue's topics with as many replicas as the cluster has brokers, up to three.
        assertThat(List.of("kafka-1", "kafka-2", "kafka-3")).allSatisfy(broker -> assertThat(service(broker)).isNotNull());
        assertThat(environment("analytics-migrate")).containsEntry(SinkConnectors.ENV_JDBC_URL,
                environment("connect").get(SinkConnectors.ENV_JDBC_URL));
        assertThat((String) service("timescaledb").get("image")).startsWith("timescale/timescaledb:");
    }

    @Test
    void shouldMailThroughTheComposeMailCatcherUnlessTheEnvironmentNamesAServer() {
        final Map<String, String> node = environment("node");
        assertThat(node.get("BOURSE_SMTP_HOST")).isEqualTo("${BOURSE_SMTP_HOST:-mailpit}");
        assertThat(node.get("BOURSE_SMTP_PORT")).isEqualTo("${BOURSE_SMTP_PORT:-1025}");
        assertThat(node.get("BOURSE_SMTP_STARTTLS")).isEqualTo("${BOURSE_SMTP_STARTTLS:-false}");
        assertThat(node.get("BOURSE_SMTP_FROM")).startsWith("${BOURSE_SMTP_FROM:-").contains("@");
        final Map<String, Object> mailpit = service("mailpit");
        assertThat((String) mailpit.get("image")).startsWith("axllent/mailpit:");
        assertThat(strings(mailpit.get("ports"))).contains("1025:1025", "8025:8025");
        assertThat(map(service("node").get("depends_on"))).containsKey("mailpit");
    }

    @Test
    void shouldBuildEveryImageFromADockerfileStageAndMountOnlyFilesThatExist() throws IOException {
        final Set<String> stages = new HashSet<>();
        final Matcher from = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)").matcher(Files.readString(ROOT.resolve("Dockerfile")));
        while (from.find()) {
            stages.add(from.group(1));
        }
        assertThat(stages).contains("build", "node", "connect", "analytics-migrate");
        int built = 0;
        for (final String name : services.keySet()) {
            final Map<String, Object> service = service(name);
            if (service.get("build") != null) {
                assertThat(stages).as(name).contains((String) map(service.get("build")).get("target"));
                built++;
            }
            for (final String volume : strings(service.get("volumes"))) {
                if (volume.startsWith("./")) {
                    assertThat(ROOT.resolve(volume.substring(2, volume.indexOf(':')))).as(name + " mounts " + volume).exists();
                }
            }
        }
        assertThat(built).isEqualTo(3);
    }

    @Test
    void shouldScrapeTheNodesAndTheExporterAndProvisionTheDashboard() throws IOException {
        final String prometheus = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        final Map<String, Object> scrape = load(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        assertThat(scrape).containsKey("scrape_configs");
        assertThat(prometheus).contains("names: [\"node\"]", "/actuator/prometheus", "kafka-exporter:9308");
        assertThat(services).containsKeys("node", "kafka-exporter", "prometheus", "grafana");

        final JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/dashboards/bourse.json").toFile());
        final String datasources = Files.readString(ROOT.resolve("deploy/grafana/provisioning/datasources/datasources.yml"));
        final List<String> titles = new ArrayList<>();
        final StringBuilder queries = new StringBuilder();
        for (final JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asText());
            assertThat(datasources).as(panel.get("title").asText()).contains("uid: " + panel.get("datasource").get("uid").asText());
            for (final JsonNode target : panel.get("targets")) {
                queries.append(target.path("expr").asText()).append(target.path("rawSql").asText()).append('\n');
            }
        }
        assertThat(String.join("|", titles)).contains("Orders/s", "Fills/s", "latency percentiles", "Consumer lag", "Streams state");
        final Matcher topic = Pattern.compile("topic=\"([^\"]+)\"").matcher(queries);
        while (topic.find()) {
            assertThat(topic.group(1)).isIn(Topics.CONNECT_DEAD_LETTERS, Topics.ALL.stream().map(Topic::name).toList());
        }
        assertThat(queries).contains("connect-bourse-");
        assertThat(SinkConnectors.ALL).allSatisfy(c -> assertThat(c.name()).startsWith("bourse-"));
    }

    /** Runs {@code docker compose config} (or docker-compose) where one is installed; Docker itself is not needed. */
    @Test
    void shouldPassDockerComposeConfigWhereComposeIsInstalled() throws Exception {
        final List<String> compose = composeCommand();
        assumeTrue(compose != null, "neither 'docker compose' nor 'docker-compose' is installed");
        final List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", COMPOSE_FILE.toString(), "config", "-q"));
        final Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        final boolean done = process.waitFor(60, TimeUnit.SECONDS);
        final String output = new String(process.getInputStream().readAllBytes());
        assertThat(done).as("docker compose config finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static List<String> composeCommand() {
        for (final List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                final List<String> version = new ArrayList<>(candidate);
                version.add("version");
                final Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return candidate;
                }
            } catch (final IOException | InterruptedException notInstalled) {
                // try the next one
            }
        }
        return null;
    }

    private static Map<String, Object> service(final String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private static Map<String, String> environment(final String serviceName) {
        final Object environment = service(serviceName).get("environment");
        final Map<String, String> result = new java.util.LinkedHashMap<>();
        if (environment != null) {
            map(environment).forEach((key, value) -> result.put(key, String.valueOf(value)));
        }
        return result;
    }

    private static Map<String, Object> load(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return map(new Yaml().load(in));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(final Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
