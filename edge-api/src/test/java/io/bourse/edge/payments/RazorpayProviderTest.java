package io.bourse.edge.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.ProviderPaymentReport;
import io.bourse.edge.api.ApiException;
import io.bourse.schemas.catalogue.UserIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Razorpay provider against a local HTTP fake of Razorpay's Orders, Payments and RazorpayX APIs. */
class RazorpayProviderTest {

    private static final String KEY_ID = "rzp_test_key";
    private static final String ACCOUNT = "7878780080316316";
    private static final String WITHDRAWAL = "wAAAAAAAAAAAAAAAAAAAAAAabcdefghijklm";
    private static final String BOB = UserIds.forEmail("bob@example.com");
    private static final String AUTH = "Basic "
            + Base64.getEncoder().encodeToString("rzp_test_key:key-secret".getBytes(StandardCharsets.UTF_8));

    private WireMockServer razorpay;
    private RazorpayProvider provider;

    @BeforeEach
    void start() {
        razorpay = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        razorpay.start();
        provider = new RazorpayProvider(new RazorpayClient(razorpay.baseUrl(), KEY_ID, "key-secret"), KEY_ID, ACCOUNT);
    }

    @AfterEach
    void stop() {
        razorpay.stop();
    }

    @Test
    void shouldCreateAnOrderWithTheIntentAsReceipt() {
        razorpay.stubFor(post("/v1/orders").withHeader("Authorization", equalTo(AUTH))
                .willReturn(okJson("{\"id\":\"order_Rz1\",\"entity\":\"order\",\"amount\":500000,\"currency\":\"INR\","
                        + "\"receipt\":\"dep-1\",\"status\":\"created\"}")));

        final PaymentProvider.ProviderOrder order = provider.createOrder("dep-1", 500_000, "INR");

        assertThat(order).isEqualTo(new PaymentProvider.ProviderOrder("order_Rz1", KEY_ID));
        razorpay.verify(postRequestedFor(urlEqualTo("/v1/orders")).withRequestBody(equalToJson(
                "{\"amount\":500000,\"currency\":\"INR\",\"receipt\":\"dep-1\",\"notes\":{\"intentId\":\"dep-1\"}}")));
    }

    @Test
    void shouldRefuseAnOrderRazorpayGetsWrongOrCannotCreate() {
        razorpay.stubFor(post("/v1/orders").willReturn(okJson("{\"id\":\"order_Rz1\",\"amount\":1,\"currency\":\"INR\"}")));
        assertThatThrownBy(() -> provider.createOrder("dep-1", 500_000, "INR")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("PROVIDER_ERROR"));

        razorpay.stubFor(post("/v1/orders").willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> provider.createOrder("dep-1", 500_000, "INR")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(502));

        razorpay.stop();
        assertThatThrownBy(() -> provider.createOrder("dep-1", 500_000, "INR")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE"));
    }

    @Test
    void shouldRecordACapturedWebhookOnlyWhenThePaymentsApiConfirmsIt() {
        razorpay.stubFor(get("/v1/payments/pay_ok").withHeader("Authorization", equalTo(AUTH)).willReturn(okJson(
                "{\"id\":\"pay_ok\",\"order_id\":\"order_1\",\"amount\":500000,\"currency\":\"INR\",\"status\":\"captured\"}")));
        razorpay.stubFor(get("/v1/payments/pay_other_order").willReturn(okJson(
                "{\"id\":\"pay_other_order\",\"order_id\":\"order_2\",\"amount\":500000,\"currency\":\"INR\",\"status\":\"captured\"}")));
        razorpay.stubFor(get("/v1/payments/pay_unknown").willReturn(aResponse().withStatus(404)));
        final List<ProviderPaymentReport> reports = new ArrayList<>();
        final WebhookIntake intake = new WebhookIntake("razorpay", "whsec", reports::add, Clock.systemUTC(), new SimpleMeterRegistry(),
                provider.confirmation());

        assertThat(intake.accept("razorpay", signedCapture("pay_ok"), sign(signedCapture("pay_ok")))).isEqualTo("RECEIVED");
        for (final String payment : List.of("pay_other_order", "pay_unknown")) {
            final byte[] body = signedCapture(payment);
            assertThatThrownBy(() -> intake.accept("razorpay", body, sign(body))).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo("PAYMENT_NOT_CONFIRMED"));
        }
        assertThat(reports).extracting(ProviderPaymentReport::getProviderPaymentId).containsExactly("pay_ok");
    }

    @Test
    void shouldSettleAPayoutWebhookOnlyWhenRazorpayXsOwnPayoutAgreesAndRecordEveryDisagreementAsARefusal() {
        final String withdrawal = WithdrawalIds.next(BOB).orElseThrow();
        razorpay.stubFor(get("/v1/payouts/pout_ok").withHeader("Authorization", equalTo(AUTH)).willReturn(okJson(payout("pout_ok",
                250_000, "processed", withdrawal))));
        razorpay.stubFor(get("/v1/payouts/pout_still_processing").willReturn(okJson(payout("pout_still_processing", 250_000,
                "processing", withdrawal))));
        razorpay.stubFor(get("/v1/payouts/pout_smaller").willReturn(okJson(payout("pout_smaller", 100, "processed", withdrawal))));
        razorpay.stubFor(get("/v1/payouts/pout_elsewhere").willReturn(okJson(payout("pout_elsewhere", 250_000, "processed",
                WithdrawalIds.next(BOB).orElseThrow()))));
        razorpay.stubFor(get("/v1/payouts/pout_unknown").willReturn(aResponse().withStatus(404)));
        final List<Map.Entry<String, PaymentCommand>> recorded = new ArrayList<>();
        final WebhookIntake intake = new WebhookIntake("razorpay", "whsec", r -> { }, Clock.systemUTC(), new SimpleMeterRegistry(), null,
                (user, command) -> recorded.add(Map.entry(user, command)), provider.payoutConfirmation());

        final byte[] agreed = processed("pout_ok", withdrawal);
        assertThat(intake.accept("razorpay", agreed, sign(agreed))).isEqualTo("RECEIVED");
        for (final String payout : List.of("pout_still_processing", "pout_smaller", "pout_elsewhere", "pout_unknown")) {
            final byte[] body = processed(payout, withdrawal);
            assertThatThrownBy(() -> intake.accept("razorpay", body, sign(body))).as(payout).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo("PAYOUT_NOT_CONFIRMED"));
        }

        assertThat(recorded).extracting(r -> r.getKey() + " " + r.getValue().getType() + " " + r.getValue().getProviderPayoutId() + " "
                + r.getValue().getReason()).containsExactly(
                        BOB + " PAYOUT_SUCCEEDED pout_ok null",
                        BOB + " PAYOUT_UNCONFIRMED pout_still_processing STATUS",
                        BOB + " PAYOUT_UNCONFIRMED pout_smaller AMOUNT",
                        BOB + " PAYOUT_UNCONFIRMED pout_elsewhere REFERENCE",
                        BOB + " PAYOUT_UNCONFIRMED pout_unknown UNKNOWN_PAYOUT");
        razorpay.verify(5, getRequestedFor(urlMatching("/v1/payouts/pout_.*")));

        // RazorpayX out of reach: nothing is recorded either way, and the 503 makes RazorpayX deliver the webhook again.
        razorpay.stop();
        assertThatThrownBy(() -> intake.accept("razorpay", agreed, sign(agreed))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(503));
        assertThat(recorded).hasSize(5);
    }

    private static String payout(final String id, final long amount, final String status, final String reference) {
        return "{\"id\":\"" + id + "\",\"entity\":\"payout\",\"fund_account_id\":\"fa_1\",\"amount\":" + amount
                + ",\"currency\":\"INR\",\"status\":\"" + status + "\",\"mode\":\"IMPS\",\"reference_id\":\"" + reference + "\"}";
    }

    private static byte[] processed(final String payoutId, final String withdrawal) {
        return PayoutWebhookTest.payout("payout.processed", "\"" + payoutId + "\"", "\"" + withdrawal + "\"", "250000", "processed")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRegisterADestinationAsAContactOfTheUserAndAFundAccount() {
        razorpay.stubFor(post("/v1/contacts").withHeader("Authorization", equalTo(AUTH))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"cont_1\",\"entity\":\"contact\"}")));
        razorpay.stubFor(post("/v1/fund_accounts").willReturn(okJson("{\"id\":\"fa_1\",\"entity\":\"fund_account\"}")));

        assertThat(provider.registerDestination("u-bob", new PaymentProvider.Destination("Bob Das", "HDFC0001234", "000123456789", null)))
                .isEqualTo("fa_1");
        assertThat(provider.registerDestination("u-bob", new PaymentProvider.Destination(null, null, null, "bob@okhdfc"))).isEqualTo("fa_1");

        razorpay.verify(postRequestedFor(urlEqualTo("/v1/contacts")).withRequestBody(equalToJson(
                "{\"name\":\"Bob Das\",\"type\":\"customer\",\"reference_id\":\"u-bob\"}")));
        razorpay.verify(postRequestedFor(urlEqualTo("/v1/fund_accounts")).withRequestBody(equalToJson("{\"contact_id\":\"cont_1\","
                + "\"account_type\":\"bank_account\",\"bank_account\":{\"name\":\"Bob Das\",\"ifsc\":\"HDFC0001234\","
                + "\"account_number\":\"000123456789\"}}")));
        razorpay.verify(postRequestedFor(urlEqualTo("/v1/fund_accounts")).withRequestBody(equalToJson(
                "{\"contact_id\":\"cont_1\",\"account_type\":\"vpa\",\"vpa\":{\"address\":\"bob@okhdfc\"}}")));
    }

    @Test
    void shouldCreateAPayoutWithTheWithdrawalAsReferenceAndIdempotencyKey() {
        razorpay.stubFor(post("/v1/payouts").withHeader("Authorization", equalTo(AUTH))
                .withHeader("X-Payout-Idempotency", equalTo(WITHDRAWAL))
                .willReturn(okJson("{\"id\":\"pout_1\",\"entity\":\"payout\",\"fund_account_id\":\"fa_1\",\"amount\":250000,"
                        + "\"currency\":\"INR\",\"status\":\"queued\",\"mode\":\"IMPS\",\"reference_id\":\"" + WITHDRAWAL + "\"}")));
        final PaymentProvider.Payout payout = new PaymentProvider.Payout(WITHDRAWAL, "fa_1", 250_000, "IMPS");

        assertThat(provider.createPayout(payout)).isEqualTo("pout_1");
        assertThat(provider.createPayout(payout)).as("a retry names the same payout").isEqualTo("pout_1");

        razorpay.verify(2, postRequestedFor(urlEqualTo("/v1/payouts")).withHeader("X-Payout-Idempotency", equalTo(WITHDRAWAL))
                .withRequestBody(equalToJson("{\"account_number\":\"" + ACCOUNT + "\",\"fund_account_id\":\"fa_1\",\"amount\":250000,"
                        + "\"currency\":\"INR\",\"mode\":\"IMPS\",\"purpose\":\"payout\",\"queue_if_low_balance\":true,"
                        + "\"reference_id\":\"" + WITHDRAWAL + "\",\"narration\":\"Bourse withdrawal\"}")));
    }

    @Test
    void shouldTellARefusedPayoutFromOneWorthRetrying() {
        final PaymentProvider.Payout payout = new PaymentProvider.Payout(WITHDRAWAL, "fa_1", 250_000, "UPI");
        razorpay.stubFor(post("/v1/payouts").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BAD_REQUEST_ERROR\",\"description\":\"The fund account is inactive\","
                        + "\"reason\":\"invalid_fund_account\"}}")));
        assertThatThrownBy(() -> provider.createPayout(payout)).isInstanceOfSatisfying(PaymentProvider.PayoutRefused.class,
                e -> assertThat(e.reason()).isEqualTo("invalid_fund_account"));

        razorpay.stubFor(post("/v1/payouts").willReturn(aResponse().withStatus(422).withBody("<html>")));
        assertThatThrownBy(() -> provider.createPayout(payout)).isInstanceOfSatisfying(PaymentProvider.PayoutRefused.class,
                e -> assertThat(e.reason()).isEqualTo("PROVIDER_REFUSED"));

        for (final int status : new int[] {429, 401, 500, 503}) {
            razorpay.stubFor(post("/v1/payouts").willReturn(aResponse().withStatus(status)));
            assertThatThrownBy(() -> provider.createPayout(payout)).as("HTTP %d", status).isInstanceOf(ApiException.class);
        }
        razorpay.stubFor(post("/v1/payouts").willReturn(okJson("{\"id\":\"pout_1\",\"amount\":1,\"reference_id\":\"" + WITHDRAWAL
                + "\"}")));
        assertThatThrownBy(() -> provider.createPayout(payout)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("PROVIDER_ERROR"));
        razorpay.stop();
        assertThatThrownBy(() -> provider.createPayout(payout)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE"));
    }

    @Test
    void shouldRefuseEveryPayoutWhenNoBusinessAccountIsConfigured() {
        final RazorpayProvider unconfigured = new RazorpayProvider(new RazorpayClient(razorpay.baseUrl(), KEY_ID, "key-secret"), KEY_ID, "");

        assertThatThrownBy(() -> unconfigured.createPayout(new PaymentProvider.Payout(WITHDRAWAL, "fa_1", 100, "IMPS")))
                .isInstanceOfSatisfying(PaymentProvider.PayoutRefused.class, e -> assertThat(e.reason()).isEqualTo("PAYOUTS_NOT_CONFIGURED"));
        assertThat(razorpay.getAllServeEvents()).isEmpty();
    }

    private static byte[] signedCapture(final String paymentId) {
        return RazorpayWebhookTest.captured("\"" + paymentId + "\"", "\"order_1\"", "500000").getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(final byte[] body) {
        return RazorpayWebhook.sign(body, "whsec");
    }
}
