package io.bourse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.api.OrderController;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.edge.security.RevocationLog;
import io.bourse.edge.security.TokenService;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.UserIds;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.testing.Ports;
import io.bourse.testing.broker.SharedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one broker split the partitions between them. A read for a user whose partition the
 * other node owns is forwarded there and answered as if asked directly, and a refresh token revoked
 * on one node is refused by the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SharedBroker
class TwoNodeForwardingTest {

    @TempDir
    static Path dir;
    private EmbeddedInfrastructure infra;
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @BeforeAll
    void start(final EmbeddedInfrastructure shared) {
        infra = shared;
        nodeA = node("a", Ports.free());
        nodeB = node("b", Ports.free());
        await().atMost(Duration.ofSeconds(120)).until(() -> running(nodeA) && running(nodeB) && bothOwnPartitions());
    }

    @AfterAll
    void stop() {
        for (final AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private ConfigurableApplicationContext node(final String name, final int port) {
        return TestNodes.run(infra, dir.resolve(name), port,
                "--bourse.security.jwt-secret=two-nodes-share-this-secret-of-32-bytes",
                "--bourse.payments.webhook-secret=two-nodes-webhook-secret");
    }

    private static boolean running(final ConfigurableApplicationContext node) {
        return node.getBean(TopologyRunner.class).all().values().stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING);
    }

    private boolean bothOwnPartitions() {
        final KafkaStreams portfolio = nodeA.getBean(TopologyRunner.class).streams(TopologyRunner.PORTFOLIO).orElseThrow();
        return portfolio.metadataForAllStreamsClients().size() == 2;
    }

    private static int port(final ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void shouldForwardAReadToTheNodeOwningTheUsersPartition() {
        final Http a = new Http(port(nodeA));
        final Http b = new Http(port(nodeB));
        // A user whose account partition node B owns, so node A must forward.
        final String registered = emailOwnedBy(nodeB, "remote");

        final String token = a.signUp(registered, "Remote").path("accessToken").asString();

        final Http.Response viaA = a.get("/api/v1/account", token);
        final Http.Response viaB = b.get("/api/v1/account", token);
        assertThat(viaA.status()).isEqualTo(200);
        assertThat(viaA.body()).isEqualTo(viaB.body());
        assertThat(viaA.body().path("email").asString()).isEqualTo(registered);
        assertThat(List.of(viaA.body().path("kycStatus").asString())).containsExactly("NOT_SUBMITTED");

        // A list over every partition: node A gathers the pending review that lives on node B.
        assertThat(b.post("/api/v1/kyc", Map.of("legalName", "Remote Trader", "dateOfBirth", "1990-04-01", "pan", "ABCDE1234F",
                "address", "Pune"), token).status()).isIn(200, 202);
        final String admin = nodeA.getBean(TokenService.class).issue("an-admin", "ADMIN", Instant.now()).accessToken();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            final Http.Response pending = a.get("/api/v1/admin/kyc/pending", admin);
            assertThat(pending.status()).isEqualTo(200);
            final List<String> emails = new ArrayList<>();
            pending.body().forEach(account -> emails.add(account.path("email").asString()));
            assertThat(emails).containsExactly(registered);
        });
        assertThat(b.get("/api/v1/admin/kyc/pending", admin).body()).isEqualTo(a.get("/api/v1/admin/kyc/pending", admin).body());
    }

    @Test
    void shouldAnswerARetriedOrderFromTheNodeHoldingTheUsersOrders() {
        final Http a = new Http(port(nodeA));
        final String email = emailOwnedBy(nodeB, "retry");
        final String token = a.signUp(email, "Retry").path("accessToken").asString();
        assertThat(a.post("/api/v1/kyc", Map.of("legalName", "Retry Trader", "dateOfBirth", "1990-04-01", "pan", "ABCDE1234F",
                "address", "Pune"), token).status()).isIn(200, 202);
        final String admin = nodeA.getBean(TokenService.class).issue("an-admin", "ADMIN", Instant.now()).accessToken();
        assertThat(a.post("/api/v1/admin/kyc/" + UserIds.forEmail(email) + "/approve", Map.of(), admin).status()).isIn(200, 202);
        assertThat(a.post("/api/v1/payments/deposits", Map.of("amount", "10000.00"), token).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> "10000.00".equals(
                a.get("/api/v1/portfolio/balances", token).body().path("cash").path("available").asString()));

        // Nodes joining a cluster seed nothing: list an instrument first.
        assertThat(a.post("/api/v1/admin/instruments", Map.of("symbol", "RETRYCO", "name", "Retry Co", "tickSize", "0.05",
                "lotSize", 1, "minQuantity", 1, "maxQuantity", 100_000, "basePrice", "2000.00", "priceBandBasisPoints", 2_000),
                admin).status()).isIn(200, 201, 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.get("/api/v1/market/instruments", null).body().toString()
                .contains("RETRYCO"));

        // Node A does not hold this user's orders: a retry is answered from node B's, not placed again.
        final Map<String, Object> bid = Map.of("symbol", "RETRYCO", "side", "BUY", "type", "LIMIT", "price", "2000.00",
                "quantity", 1, "clientOrderId", "retry-remote");
        final Http.Response first = a.post("/api/v1/orders", bid, token);
        assertThat(first.status()).isEqualTo(201);
        final Http.Response retry = a.post("/api/v1/orders", bid, token);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers()).containsKey(OrderController.REPLAYED.toLowerCase(java.util.Locale.ROOT));
        assertThat(retry.body().path("orderId").asString()).isEqualTo(first.body().path("orderId").asString());

        final Map<String, Object> tooBig = Map.of("symbol", "RETRYCO", "side", "BUY", "type", "LIMIT", "price", "2000.00",
                "quantity", 100, "clientOrderId", "retry-too-big");
        assertThat(a.post("/api/v1/orders", tooBig, token).code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(a.post("/api/v1/orders", tooBig, token).code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(a.get("/api/v1/orders?status=all", token).body().size()).isEqualTo(2);
    }

    @Test
    void shouldMarkReadOnTheNodeHoldingTheUsersInboxAndRelayItsNotFound() {
        final Http a = new Http(port(nodeA));
        // A user whose in-app inbox node B holds, so node A must forward the POST.
        final String email = emailOwnedBy(nodeB, "inbox", TopologyRunner.NOTIFICATIONS, NotificationsNames.INBOX.name());
        final String token = a.signUp(email, "Inbox").path("accessToken").asString();
        final String id = await().atMost(Duration.ofSeconds(60)).until(() -> a.get("/api/v1/notifications", token),
                r -> r.status() == 200 && r.body().path("unread").asInt() == 1).body().path("items").get(0).path("id").asString();

        final Http.Response unknown = a.post("/api/v1/notifications/" + java.util.UUID.randomUUID() + "/read", Map.of(), token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOTIFICATION_NOT_FOUND");

        assertThat(a.post("/api/v1/notifications/" + id + "/read", Map.of(), token).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.get("/api/v1/notifications", token).body().path("unread").asInt() == 0);
    }

    /** An e-mail address whose account partition {@code node} owns. */
    private String emailOwnedBy(final ConfigurableApplicationContext node, final String prefix) {
        return emailOwnedBy(node, prefix, TopologyRunner.PORTFOLIO, PortfolioNames.ACCOUNTS.name());
    }

    /** An e-mail address whose user's key in {@code store} of {@code topology} {@code node} owns. */
    private String emailOwnedBy(final ConfigurableApplicationContext node, final String prefix, final String topology,
            final String store) {
        final KafkaStreams streamsA = nodeA.getBean(TopologyRunner.class).streams(topology).orElseThrow();
        final String advertised = "localhost:" + port(node);
        for (int i = 0; i < 200; i++) {
            final String candidate = prefix + i + "@example.com";
            final KeyQueryMetadata owner = streamsA.queryMetadataForKey(store, UserIds.forEmail(candidate), new StringSerializer());
            if ((owner.activeHost().host() + ":" + owner.activeHost().port()).equals(advertised)) {
                return candidate;
            }
        }
        throw new AssertionError("no user of the first 200 lives on " + advertised);
    }

    @Test
    void shouldRefuseOnEveryNodeARefreshTokenUsedOrRevokedOnOne() throws Exception {
        final Http a = new Http(port(nodeA));
        final Http b = new Http(port(nodeB));
        final String email = "sessions@example.com";
        final String first = a.signUp(email, "Sessions").path("refreshToken").asString();

        final Http.Response rotated = a.post("/api/v1/auth/refresh", Map.of("refreshToken", first), null);
        assertThat(rotated.status()).isEqualTo(200);
        final String second = rotated.body().path("refreshToken").asString();
        assertThat(second).isNotEqualTo(first);
        // Used once: refused again on the same node at once, and on the other one as soon as the revocation arrives.
        assertThat(a.post("/api/v1/auth/refresh", Map.of("refreshToken", first), null).status()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            final Http.Response replay = b.post("/api/v1/auth/refresh", Map.of("refreshToken", first), null);
            assertThat(replay.status()).isEqualTo(401);
            assertThat(replay.body().path("code").asString()).isEqualTo("INVALID_REFRESH_TOKEN");
        });

        final String access = rotated.body().path("accessToken").asString();
        // Used on both nodes first, so each has it among the tokens it verified lately: that does not outlive the session.
        assertThat(a.get("/api/v1/account", access).status()).isEqualTo(200);
        assertThat(b.get("/api/v1/account", access).status()).isEqualTo(200);
        assertThat(b.post("/api/v1/auth/logout", Map.of("refreshToken", second), null).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.post("/api/v1/auth/refresh", Map.of("refreshToken", second), null).status() == 401);
        // The session ended: its access token is refused at once on the node that logged out, and on the other
        // as soon as the revocation arrives, not when the token expires.
        assertThat(b.get("/api/v1/account", access).status()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.get("/api/v1/account", access).status() == 401);

        // A node started later reads every revocation before it answers: no wait needed.
        final RevocationLog restarted = new RevocationLog(new KafkaEndpoints(infra.bootstrapServers(), infra.schemaRegistryUrl()),
                nodeA.getBean(CommandPublisher.class), Clock.systemUTC());
        restarted.start();
        try {
            assertThat(restarted.isRevoked(tokenId(first))).isTrue();
            assertThat(restarted.isRevoked(tokenId(second))).isTrue();
            assertThat(restarted.isRevoked("never-issued")).isFalse();
        } finally {
            restarted.stop();
        }
    }

    private static String tokenId(final String jwt) {
        final String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        final Matcher jti = Pattern.compile("\"jti\"\\s*:\\s*\"([^\"]+)\"").matcher(claims);
        assertThat(jti.find()).as("jti in %s", claims).isTrue();
        return jti.group(1);
    }
}
