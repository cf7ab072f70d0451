package io.bourse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.infra.TopologyRunner;
import io.bourse.embedded.EmbeddedKafkaBroker;
import io.bourse.embedded.EmbeddedSchemaRegistry;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.testing.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node on a cluster that wants SASL and a schema registry behind HTTP basic auth: every client of the
 * node (admin, Streams, followers, the command producer) takes the {@code bourse.kafka.client.*} settings
 * and every serde the registry's credentials, so it provisions the topics, runs its topologies and
 * serves a sign-up through the secured listener and the guarded registry alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("broker")
class SecuredClusterTest {

    private static final String TRADER_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"bourse\" password=\"node-secret\";";

    @TempDir
    static Path dir;
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private ConfigurableApplicationContext node;
    private String secured;

    @BeforeAll
    void start() {
        // The PLAINTEXT listener stays for the broker itself and the schema registry; the node gets only the SASL one.
        broker = EmbeddedKafkaBroker.withSaslPlainListener(dir.resolve("kafka"), Map.of("bourse", "node-secret")).start();
        secured = broker.saslBootstrapServers();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", 0, (short) 1,
                "bourse:registry-secret").start();
        final int port = Ports.free();
        node = new SpringApplicationBuilder(BourseNode.class).run(
                "--server.port=" + port,
                "--bourse.data-dir=" + dir.resolve("node"),
                "--bourse.kafka.bootstrap-servers=" + secured,
                "--bourse.kafka.schema-registry-url=" + registry.url(),
                "--bourse.kafka.schema-registry-user-info=bourse:registry-secret",
                "--bourse.kafka.client.[security.protocol]=SASL_PLAINTEXT",
                "--bourse.kafka.client.[sasl.mechanism]=PLAIN",
                "--bourse.kafka.client.[sasl.jaas.config]=" + TRADER_JAAS,
                "--bourse.simulator.enabled=false",
                "--bourse.streams.advertised-host-port=localhost:" + port,
                "--bourse.security.jwt-secret=a-secured-cluster-test-secret-of-32-bytes",
                "--bourse.payments.webhook-secret=a-secured-cluster-webhook-secret");
    }

    @AfterAll
    void stop() {
        // Whatever @BeforeAll got to start, stopped in reverse order.
        final AutoCloseable[] started = {node, registry, broker};
        for (final AutoCloseable closeable : started) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void shouldRunTheWholeNodeThroughTheSaslListener() {
        await().atMost(Duration.ofSeconds(120)).until(() -> node.getBean(TopologyRunner.class).all().values().stream()
                .allMatch(s -> s.state() == KafkaStreams.State.RUNNING));
        final Http http = new Http(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
        final String email = "secured@example.com";

        // The command producer writes the sign-up, the portfolio topology the account, and the stores answer the login.
        final String token = http.signUp(email, "Secured").path("accessToken").asString();
        assertThat(http.get("/api/v1/account", token).body().path("email").asString()).isEqualTo(email);
        assertThat(http.get("/api/v1/market/instruments", null).status()).isEqualTo(200);
    }

    @Test
    void shouldFaceARegistryThatRefusesCallsWithoutCredentials() throws Exception {
        final HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldKeepTheSettingsValuesOutOfTheEndpointsDescription() {
        final KafkaEndpoints endpoints = node.getBean(KafkaEndpoints.class);

        assertThat(endpoints.clientSettings()).containsEntry("sasl.jaas.config", TRADER_JAAS);
        assertThat(endpoints.toString()).contains("sasl.jaas.config").doesNotContain("node-secret");
    }

    @Test
    void shouldBeRefusedByTheSecuredListenerWithAWrongPassword() {
        try (Admin intruder = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, secured,
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", TRADER_JAAS.replace("node-secret", "guessed")))) {
            assertThatThrownBy(() -> intruder.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
