package io.bourse.edge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.Http;
import io.bourse.edge.api.SandboxCheckoutController;
import io.bourse.edge.security.TokenService;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.UserIds;
import io.bourse.testing.Ports;
import io.bourse.testing.broker.SharedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sandbox provider's pages on a node: the deposit checkout page redirects the intent's owner to the
 * sandbox's hosted checkout, and the sandbox payout page keeps its payout across a restart of the node,
 * because it reads the withdrawal the portfolio keeps rather than anything the node held in memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SharedBroker
class SandboxPagesTest {

    @TempDir
    static Path dir;
    private EmbeddedInfrastructure infra;
    private ConfigurableApplicationContext node;
    private int port;
    private Http http;
    private String trader;

    @BeforeAll
    void start(final EmbeddedInfrastructure shared) {
        infra = shared;
        port = Ports.free();
        node = start();
        http = new Http(port);
        final String email = "sandbox-pages-" + UUID.randomUUID() + "@example.com";
        trader = http.signUp(email, "Sandbox Pages").path("accessToken").asString();
        assertThat(http.post("/api/v1/kyc", Map.of("legalName", "Sandbox Pages", "dateOfBirth", "1990-04-01", "pan", "ABCDE1234F",
                "address", "Pune"), trader).status()).isIn(200, 202);
        final String admin = node.getBean(TokenService.class).issue("a-pages-admin", "ADMIN", Instant.now()).accessToken();
        assertThat(http.post("/api/v1/admin/kyc/" + UserIds.forEmail(email) + "/approve", Map.of(), admin).status()).isIn(200, 202);
    }

    private ConfigurableApplicationContext start() {
        return NodePages.start(infra, dir.resolve("node"), port, "--bourse.payments.webhook-secret=sandbox-pages-webhooks");
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void shouldRedirectTheIntentsOwnerToTheSandboxCheckoutAndNobodyElse() throws Exception {
        final Http.Response deposit = http.post("/api/v1/payments/deposits", Map.of("amount", "25.00", "checkout", true), trader);
        assertThat(deposit.status()).isEqualTo(201);
        final String path = "/api/v1/payments/checkout/" + deposit.body().path("intentId").asString();
        final String sandboxPage = SandboxCheckoutController.PATH + "/" + deposit.body().path("providerOrderId").asString();

        final Http.Response redirected = http.get(path, trader);
        assertThat(redirected.status()).isEqualTo(303);
        assertThat(NodePages.header(redirected.headers(), "Location")).isEqualTo(sandboxPage);
        assertThat(NodePages.postForm(port, path, trader).headers().firstValue("Location")).contains(sandboxPage);

        final String other = http.signUp("sandbox-other-" + UUID.randomUUID() + "@example.com", "Other").path("accessToken").asString();
        assertThat(http.get(path, other).code()).isEqualTo("UNKNOWN_DEPOSIT");
        assertThat(http.get(path, other).status()).isEqualTo(404);
    }

    @Test
    void shouldKeepThePayoutPageAcrossARestartOfTheNode() {
        assertThat(http.post("/api/v1/payments/deposits", Map.of("amount", "10000.00"), trader).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> "10000.00".equals(
                http.get("/api/v1/portfolio/balances", trader).body().path("cash").path("available").asString()));
        final Http.Response destination = http.post("/api/v1/payments/destinations", Map.of("type", "VPA", "vpa", "pages@okhdfc"), trader);
        assertThat(destination.status()).isEqualTo(201);
        final Http.Response held = http.post("/api/v1/payments/withdrawals", Map.of("amount", "500.00", "destinationId",
                destination.body().path("destinationId").asString(), "checkout", true), trader);
        assertThat(held.status()).isEqualTo(202);
        final String withdrawal = "/api/v1/payments/" + held.body().path("withdrawalId").asString();
        final String page = held.body().path("payoutPageUrl").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> "PROCESSING".equals(http.get(withdrawal, trader).body().path("status").asString()));
        final String payoutId = http.get(withdrawal, trader).body().path("providerPaymentId").asString();
        assertThat(http.get(page, null).body().asString()).contains(payoutId, "₹500.00", "UPI", "processing", "Mark processed");

        node.close();
        node = start();

        // The new node knows the payout from the portfolio's withdrawal alone, and settles it with the same payout id.
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get(page, null).status() == 200);
        assertThat(http.get(page, null).body().asString()).contains(payoutId, "₹500.00", "Mark processed");
        assertThat(http.get(withdrawal, trader).body().path("status").asString()).as("nothing processed it while it was down")
                .isEqualTo("PROCESSING");
        assertThat(http.postRaw(page + "/processed", "", null, Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(http.get(withdrawal, trader).body().path("status").asString()));
        assertThat(http.get(withdrawal, trader).body().path("providerPaymentId").asString()).isEqualTo(payoutId);
        assertThat(http.get("/api/v1/portfolio/balances", trader).body().path("cash").path("available").asString()).isEqualTo("9500.00");
    }
}
