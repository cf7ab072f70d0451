package io.bourse.edge.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.bourse.edge.Http;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.testing.Ports;
import io.bourse.testing.broker.SharedBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The deposit checkout page on a node running the {@code razorpay} provider (Razorpay's Orders API a
 * local WireMock fake): the intent's owner gets the page that opens Razorpay Checkout with the key id,
 * order, amount and currency, under a content security policy widened for Razorpay on that page only;
 * anyone else, or an intent that does not exist, gets a 404 problem.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SharedBroker
class CheckoutPageTest {

    private static final String KEY_ID = "rzp_test_checkoutpage";

    @TempDir
    static Path dir;
    private WireMockServer razorpay;
    private ConfigurableApplicationContext node;
    private int port;
    private Http http;
    private String owner;
    private String someoneElse;
    private String intentId;

    @BeforeAll
    void start(final EmbeddedInfrastructure infra) {
        razorpay = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        razorpay.start();
        razorpay.stubFor(post("/v1/orders").willReturn(okJson("{\"id\":\"order_CheckoutPage1\",\"entity\":\"order\",\"amount\":500000,"
                + "\"currency\":\"INR\",\"status\":\"created\"}")));
        port = Ports.free();
        node = NodePages.start(infra, dir.resolve("node"), port, "--bourse.payments.provider=razorpay",
                "--bourse.payments.razorpay.key-id=" + KEY_ID, "--bourse.payments.razorpay.key-secret=checkout-page-key-secret",
                "--bourse.payments.razorpay.base-url=" + razorpay.baseUrl(), "--bourse.payments.webhook-secret=checkout-page-webhooks");
        http = new Http(port);
        owner = http.signUp("checkout-owner-" + UUID.randomUUID() + "@example.com", "Owner").path("accessToken").asString();
        someoneElse = http.signUp("checkout-other-" + UUID.randomUUID() + "@example.com", "Other").path("accessToken").asString();
        final Http.Response deposit = http.post("/api/v1/payments/deposits", Map.of("amount", "5000.00", "checkout", true), owner);
        assertThat(deposit.status()).isEqualTo(201);
        assertThat(deposit.body().path("status").asString()).isEqualTo("OPEN");
        intentId = deposit.body().path("intentId").asString();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        razorpay.stop();
    }

    @Test
    void shouldOpenRazorpayCheckoutForTheIntentsOwnerUnderAPolicyWidenedForRazorpayOnly() throws Exception {
        final Http.Response page = http.get("/api/v1/payments/checkout/" + intentId, owner);

        assertThat(page.status()).isEqualTo(200);
        assertThat(NodePages.header(page.headers(), "Content-Type")).startsWith("text/html");
        assertThat(page.body().asString()).contains("data-key-id=\"" + KEY_ID + "\"", "data-order-id=\"order_CheckoutPage1\"",
                "data-amount=\"500000\"", "data-currency=\"INR\"", "data-intent-id=\"" + intentId + "\"", "data-return-url=\"/\"",
                "<script src=\"https://checkout.razorpay.com/v1/checkout.js\" defer></script>",
                "<script src=\"/app/checkout.js\" defer></script>", "Deposit ₹5000.00");
        final String policy = NodePages.header(page.headers(), "Content-Security-Policy");
        assertThat(policy.split("; ")).contains("script-src 'self' https://checkout.razorpay.com",
                "connect-src 'self' https://api.razorpay.com https://checkout.razorpay.com",
                "frame-src https://api.razorpay.com https://checkout.razorpay.com", "default-src 'self'", "style-src 'self'",
                "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'");

        // The browser's way in: the UI's form posts the token, since opening a page sends no bearer header.
        final HttpResponse<String> posted = NodePages.postForm(port, "/api/v1/payments/checkout/" + intentId, owner);
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).contains("data-order-id=\"order_CheckoutPage1\"");
        assertThat(posted.headers().firstValue("Content-Security-Policy")).contains(policy);
    }

    @Test
    void shouldWidenNoOtherPagesPolicy() {
        for (final String path : new String[] {"/", "/app/checkout.js", "/api/v1/market/instruments"}) {
            assertThat(NodePages.header(http.headersOf(path), "Content-Security-Policy")).as(path).doesNotContain("razorpay")
                    .contains("script-src 'self';");
        }
    }

    @Test
    void shouldAnswerSomeoneElsesOrAnUnknownIntentWithA404ProblemAndNoPage() throws Exception {
        final Http.Response others = http.get("/api/v1/payments/checkout/" + intentId, someoneElse);
        final Http.Response unknown = http.get("/api/v1/payments/checkout/dep-" + UUID.randomUUID(), owner);

        for (final Http.Response refused : new Http.Response[] {others, unknown}) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(NodePages.header(refused.headers(), "Content-Type")).startsWith("application/problem+json");
            assertThat(refused.code()).isEqualTo("UNKNOWN_DEPOSIT");
            assertThat(refused.body().toString()).doesNotContain("order_CheckoutPage1");
        }
        assertThat(NodePages.postForm(port, "/api/v1/payments/checkout/" + intentId, someoneElse).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/payments/checkout/" + intentId, null).status()).isEqualTo(401);
        assertThat(NodePages.postForm(port, "/api/v1/payments/checkout/" + intentId, "not-a-token").statusCode()).isEqualTo(401);
        assertThat(NodePages.postForm(port, "/api/v1/payments/checkout/" + intentId, owner, "cross-site").statusCode())
                .as("another site's form posting a token").isEqualTo(401);
        // The form field is the checkout page's alone: elsewhere it signs nobody in.
        assertThat(NodePages.postForm(port, "/api/v1/payments/deposits", owner).statusCode()).isEqualTo(401);
    }
}
