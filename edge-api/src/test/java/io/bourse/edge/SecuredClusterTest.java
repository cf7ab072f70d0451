package io.bourse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.bourse.edge.infra.KafkaEndpoints;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.embedded.EmbeddedKafkaBroker;
import io.bourse.embedded.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
class SecuredClusterTest {

    private static final String TRADER_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"bourse\" password=\"node-secret\";";

    @TempDir
    static Path dir;
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private HttpServer guardedRegistry;
    private final AtomicInteger refusedRegistryCalls = new AtomicInteger();
    private final AtomicInteger admittedRegistryCalls = new AtomicInteger();
    private ConfigurableApplicationContext node;
    private String secured;

    @BeforeAll
    void start() {
        final int plain = EmbeddedTestPorts.free();
        final int controller = EmbeddedTestPorts.free();
        secured = "localhost:" + EmbeddedTestPorts.free();
        // The PLAINTEXT listener stays for the broker itself and the schema registry; the node gets only the SASL one.
        broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), plain, controller, Map.of(
                "listeners", "PLAINTEXT://localhost:" + plain + ",CONTROLLER://localhost:" + controller + ",SECURED://" + secured,
                "advertised.listeners", "PLAINTEXT://localhost:" + plain + ",SECURED://" + secured,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURED:SASL_PLAINTEXT",
                "listener.name.secured.sasl.enabled.mechanisms", "PLAIN",
                "listener.name.secured.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"broker\" password=\"broker-secret\" user_bourse=\"node-secret\";")).start();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", 0, (short) 1).start();
        guardedRegistry = basicAuthProxy(registry.url(), "bourse:registry-secret");
        final int port = EmbeddedTestPorts.free();
        node = new SpringApplicationBuilder(BourseNode.class).run(
                "--server.port=" + port,
                "--bourse.data-dir=" + dir.resolve("node"),
                "--bourse.kafka.bootstrap-servers=" + secured,
                "--bourse.kafka.schema-registry-url=http://localhost:" + guardedRegistry.getAddress().getPort(),
                "--bourse.kafka.schema-registry-user-info=bourse:registry-secret",
                "--bourse.kafka.client.[security.protocol]=SASL_PLAINTEXT",
                "--bourse.kafka.client.[sasl.mechanism]=PLAIN",
                "--bourse.kafka.client.[sasl.jaas.config]=" + TRADER_JAAS,
                "--bourse.simulator.enabled=false",
                "--bourse.streams.advertised-host-port=localhost:" + port,
                "--bourse.security.jwt-secret=a-secured-cluster-test-secret-of-32-bytes");
    }

    @AfterAll
    void stop() {
        // Whatever @BeforeAll got to start, stopped in reverse order.
        final AutoCloseable[] started = {node, guardedRegistry == null ? null : () -> guardedRegistry.stop(0),
            registry == null ? null : registry::stop, broker};
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
        assertThat(admittedRegistryCalls).as("the node reached the registry with its credentials").hasPositiveValue();
        assertThat(refusedRegistryCalls).as("no call without them").hasValue(0);
    }

    /** The registry behind HTTP basic auth: calls without {@code userInfo} get 401, the others are passed on. */
    private HttpServer basicAuthProxy(final String target, final String userInfo) {
        final String expected = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        final HttpClient client = HttpClient.newHttpClient();
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                try {
                    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        refusedRegistryCalls.incrementAndGet();
                        exchange.sendResponseHeaders(401, -1);
                        return;
                    }
                    admittedRegistryCalls.incrementAndGet();
                    final HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target.replaceAll("/$", "")
                            + exchange.getRequestURI())).method(exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
                    final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                    if (contentType != null) {
                        forward.header("Content-Type", contentType);
                    }
                    final HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                    answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    exchange.getResponseBody().write(answer.body());
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
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
