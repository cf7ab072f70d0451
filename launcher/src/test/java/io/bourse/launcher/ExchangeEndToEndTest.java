package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.BourseNode;
import io.bourse.edge.Http;
import io.bourse.edge.TestData;
import io.bourse.edge.api.OrderController;
import io.bourse.edge.api.PaymentsController;
import io.bourse.edge.infra.Commands;
import io.bourse.launcher.sim.ExchangeSeeder;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.tools.load.LoadGenerator;
import io.bourse.tools.load.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole exchange in one JVM — embedded broker and registry, all three topologies, the HTTP
 * edge — driven only through HTTP: two traders register, pass KYC, fund their accounts, trade, and
 * see balances settle to the exact paisa and market data update. Then the security and bad-input rules.
 */
@SpringBootTest(classes = {BourseNode.class, DemoExchange.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("broker")
class ExchangeEndToEndTest {

    private static final Path DATA = TestData.directory("bourse-e2e");

    @LocalServerPort
    int port;
    private Http http;
    private String admin;
    private String alice;
    private String bob;

    @DynamicPropertySource
    static void properties(final DynamicPropertyRegistry registry) {
        registry.add("bourse.data-dir", DATA::toString);
        registry.add("bourse.kafka.embedded-kafka-port", () -> 0);
        registry.add("bourse.kafka.embedded-registry-port", () -> 0);
        registry.add("bourse.simulator.enabled", () -> false);
        registry.add("bourse.security.jwt-secret", () -> "an-end-to-end-test-secret-of-32-bytes!");
        // Every answer below is a verdict, never a 202 because a busy CI machine was slow.
        registry.add("bourse.orders.place-wait", () -> "20s");
    }

    @BeforeAll
    void signInAdmin() {
        http = new Http(port);
        await().atMost(Duration.ofSeconds(90)).until(() -> http.get("/api/v1/market/instruments", null).body().size() == 8);
        admin = await().atMost(Duration.ofSeconds(90)).until(
                () -> login(ExchangeSeeder.ADMIN_EMAIL, ExchangeSeeder.ADMIN_PASSWORD), token -> token != null);
    }

    private String login(final String email, final String password) {
        final Http.Response response = http.post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        return response.status() == 200 ? response.body().path("accessToken").asString() : null;
    }

    private String onboard(final String email, final String name) {
        assertThat(http.post("/api/v1/auth/register", Map.of("email", email, "password", "correct-horse-9", "displayName", name), null)
                .status()).isEqualTo(201);
        final String token = login(email, "correct-horse-9");
        assertThat(http.post("/api/v1/kyc", Map.of("legalName", name, "dateOfBirth", "1990-04-01", "pan", "ABCDE1234F",
                "address", "Indiranagar, Bengaluru"), token).status()).isEqualTo(200);
        final String userId = http.get("/api/v1/account", token).body().path("userId").asString();
        assertThat(http.post("/api/v1/admin/kyc/" + userId + "/approve", Map.of(), admin).status()).isEqualTo(200);
        return token;
    }

    @Test
    @Order(1)
    void shouldTradeBetweenTwoNewUsersAndSettleToThePaisa() {
        alice = onboard("alice@example.com", "Alice Iyer");
        bob = onboard("bob@example.com", "Bob Das");
        assertThat(http.post("/api/v1/auth/register", Map.of("email", "ALICE@example.com", "password", "another-pass-1",
                "displayName", "Copy"), null).code()).isEqualTo("EMAIL_ALREADY_REGISTERED");

        assertThat(http.post("/api/v1/payments/deposits", Map.of("amount", "30000.00"), bob).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/admin/transfers", Map.of("email", "alice@example.com", "symbol", "RELIANCE",
                "quantity", 10, "reference", "demat-1"), admin).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> holding(alice, "RELIANCE") == 10
                && "30000.00".equals(http.get("/api/v1/portfolio/balances", bob).body().path("cash").path("available").asString()));

        final Http.Response sell = http.post("/api/v1/orders", Map.of("symbol", "RELIANCE", "side", "SELL", "type", "LIMIT",
                "price", "2450.00", "quantity", 10), alice);
        assertThat(sell.status()).isEqualTo(201);
        assertThat(sell.body().path("status").asString()).isEqualTo("RESTING");
        final Http.Response buy = http.post("/api/v1/orders", Map.of("symbol", "RELIANCE", "side", "BUY", "type", "LIMIT",
                "price", "2455.00", "quantity", 10, "clientOrderId", "bob-1"), bob);
        assertThat(buy.status()).isEqualTo(201);
        assertThat(buy.body().path("status").asString()).isEqualTo("FILLED");
        assertThat(buy.body().path("fills")).singleElement().satisfies(fill -> {
            assertThat(fill.path("price").asString()).isEqualTo("2450.00");
            assertThat(fill.path("quantity").asLong()).isEqualTo(10);
            assertThat(fill.path("liquidity").asString()).isEqualTo("TAKER");
        });

        // Bob, taker at 3 bp: 24,500.00 + 7.35 fee. Alice, maker at 1 bp: 24,500.00 - 2.45.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            final JsonNode bobCash = http.get("/api/v1/portfolio/balances", bob).body().path("cash");
            assertThat(bobCash.path("available").asString()).isEqualTo("5492.65");
            assertThat(bobCash.path("reserved").asString()).isEqualTo("0.00");
        });
        assertThat(holding(bob, "RELIANCE")).isEqualTo(10);
        assertThat(http.get("/api/v1/portfolio/balances", alice).body().path("cash").path("available").asString()).isEqualTo("24497.55");
        final JsonNode order = http.get("/api/v1/orders/" + buy.body().path("orderId").asString(), bob).body();
        assertThat(order.path("status").asString()).isEqualTo("FILLED");
        assertThat(order.path("averageFillPrice").asString()).isEqualTo("2450.00");
        assertThat(order.path("fees").asString()).isEqualTo("7.35");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            final JsonNode ticker = http.get("/api/v1/market/RELIANCE/ticker", null).body();
            assertThat(ticker.path("lastPrice").asString()).isEqualTo("2450.00");
            assertThat(ticker.path("volume").asLong()).isEqualTo(10);
            final JsonNode candles = http.get("/api/v1/market/RELIANCE/candles?interval=M1", null).body();
            assertThat(candles.size()).isEqualTo(1);
            assertThat(candles.get(0).path("volume").asLong()).isEqualTo(10);
            assertThat(candles.get(0).path("close").asString()).isEqualTo("2450.00");
            assertThat(http.get("/api/v1/market/RELIANCE/trades", null).body().get(0).path("tradeId").asString()).isEqualTo("RELIANCE-1");
        });
        // Bob's whole ledger, read back from portfolio.postings: every sequence once, newest first.
        final JsonNode ledger = http.get("/api/v1/portfolio/ledger?limit=200", bob).body();
        assertThat(ledger.size()).isGreaterThanOrEqualTo(5);
        for (int i = 0; i < ledger.size(); i++) {
            assertThat(ledger.get(i).path("sequence").asLong()).as("entry %d", i).isEqualTo(ledger.size() - i);
        }
        assertThat(http.get("/api/v1/portfolio/ledger?limit=2", bob).body()).hasSize(2);
    }

    @Test
    @Order(2)
    void shouldRestAndCancelAndAnswerARetryWithTheSameOrder() {
        final Map<String, Object> bid = Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT", "price", "4000.00", "quantity", 1,
                "clientOrderId", "bob-retry");
        final Http.Response first = http.post("/api/v1/orders", bid, bob);
        final Http.Response retry = http.post("/api/v1/orders", bid, bob);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("status").asString()).isEqualTo("RESTING");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers()).containsKey(OrderController.REPLAYED.toLowerCase(java.util.Locale.ROOT));
        assertThat(retry.body().path("orderId").asString()).isEqualTo(first.body().path("orderId").asString());
        final String orderId = first.body().path("orderId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/orders?status=open", bob).body().size() == 1);
        assertThat(http.get("/api/v1/market/TCS/depth", null).body().path("bids").get(0).path("price").asString()).isEqualTo("4000.00");
        assertThat(http.delete("/api/v1/orders/" + orderId, bob).body().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(http.delete("/api/v1/orders/" + orderId, bob).code()).isEqualTo("ORDER_NOT_OPEN");
    }

    @Test
    @Order(3)
    void shouldAnswerWithTheEnginesVerdictAndItsReasonCode() {
        assertThat(http.post("/api/v1/admin/transfers", Map.of("email", "bob@example.com", "symbol", "SBIN", "quantity", 20,
                "reference", "demat-sbin"), admin).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> holding(bob, "SBIN") == 20);

        final Http.Response ask = place(bob, "SBIN", "SELL", "LIMIT", "820.00", 10, Map.of());
        assertThat(ask.status()).isEqualTo(201);
        assertThat(ask.body().path("status").asString()).isEqualTo("RESTING");
        assertThat(ask.body().path("remainingQuantity").asLong()).isEqualTo(10);
        assertThat(ask.body().path("fills")).isEmpty();

        assertThat(place(alice, "SBIN", "BUY", "LIMIT", "820.00", 1, Map.of("postOnly", true)).code())
                .isEqualTo("POST_ONLY_WOULD_TAKE");
        assertThat(place(alice, "SBIN", "BUY", "LIMIT", "1000.00", 1, Map.of()).code()).isEqualTo("PRICE_OUTSIDE_BAND");
        assertThat(place(alice, "SBIN", "BUY", "LIMIT", "820.00", 11, Map.of("timeInForce", "FOK")).code())
                .isEqualTo("FOK_NOT_FILLABLE");
        final Http.Response missed = place(alice, "SBIN", "BUY", "LIMIT", "815.00", 1, Map.of("timeInForce", "IOC"));
        assertThat(missed.status()).isEqualTo(422);
        assertThat(missed.code()).isEqualTo("IOC_REMAINDER_CANCELLED");
        assertThat(place(bob, "SBIN", "SELL", "MARKET", null, 1, Map.of()).code()).isEqualTo("NO_LIQUIDITY");

        final Http.Response partly = place(alice, "SBIN", "BUY", "LIMIT", "820.00", 12, Map.of());
        assertThat(partly.status()).isEqualTo(201);
        assertThat(partly.body().path("status").asString()).isEqualTo("PARTIALLY_FILLED");
        assertThat(partly.body().path("filledQuantity").asLong()).isEqualTo(10);
        assertThat(partly.body().path("remainingQuantity").asLong()).isEqualTo(2);
        assertThat(partly.body().path("fills")).extracting(f -> f.path("quantity").asLong() + "@" + f.path("price").asString())
                .containsExactly("10@820.00");
        final Http.Response filled = place(bob, "SBIN", "SELL", "LIMIT", "819.00", 2, Map.of());
        assertThat(filled.body().path("status").asString()).isEqualTo("FILLED");
        assertThat(filled.body().path("fills")).extracting(f -> f.path("quantity").asLong() + "@" + f.path("price").asString())
                .containsExactly("2@820.00");

        assertThat(http.post("/api/v1/admin/instruments/SBIN/halt", Map.of(), admin).status()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "HALTED".equals(instrumentStatus("SBIN")));
        assertThat(place(bob, "SBIN", "SELL", "LIMIT", "820.00", 1, Map.of()).code()).isEqualTo("INSTRUMENT_HALTED");
        assertThat(http.post("/api/v1/admin/instruments/SBIN/resume", Map.of(), admin).status()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "TRADING".equals(instrumentStatus("SBIN")));
    }

    @Test
    @Order(4)
    void shouldAnswerRacingRequestsEachWithWhatHappenedToIt() {
        final String orderId = place(alice, "LT", "BUY", "LIMIT", "3500.00", 1, Map.of()).body().path("orderId").asString();

        // Two amends at once: the engine applies one at a time, and each request hears about itself.
        final List<Http.Response> amends = together(() -> http.patch("/api/v1/orders/" + orderId, Map.of("price", "3505.00"), alice),
                () -> http.patch("/api/v1/orders/" + orderId, Map.of("price", "3510.00"), alice));
        assertThat(amends).extracting(Http.Response::status).contains(200);
        assertThat(amends).filteredOn(a -> a.status() != 200).extracting(Http.Response::code).containsOnly("AMEND_PENDING");
        final List<String> appliedPrices = amends.stream().filter(a -> a.status() == 200)
                .map(a -> a.body().path("price").asString()).toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedPrices.contains(
                http.get("/api/v1/orders/" + orderId, alice).body().path("price").asString()));

        // A cancel racing an amend: the cancel always succeeds; the amend was applied before it or finds it gone.
        final List<Http.Response> cancelAndAmend = together(() -> http.delete("/api/v1/orders/" + orderId, alice),
                () -> http.patch("/api/v1/orders/" + orderId, Map.of("price", "3515.00"), alice));
        assertThat(cancelAndAmend.get(0).status()).isEqualTo(200);
        assertThat(cancelAndAmend.get(0).body().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelAndAmend.get(1).status()).isIn(200, 409);
        if (cancelAndAmend.get(1).status() == 409) {
            assertThat(cancelAndAmend.get(1).code()).isIn("ORDER_NOT_OPEN", "AMEND_PENDING");
        }

        // A cancel racing the engine's rejection of the order: never "cancelled", never a body saying REJECTED.
        final String doomed = orderIdFor(alice, "alice-out-of-band");
        final List<Http.Response> placeAndCancel = together(
                () -> place(alice, "LT", "BUY", "LIMIT", "5000.00", 1, Map.of("clientOrderId", "alice-out-of-band")),
                () -> http.delete("/api/v1/orders/" + doomed, alice));
        assertThat(placeAndCancel.get(0).code()).isEqualTo("PRICE_OUTSIDE_BAND");
        assertThat(placeAndCancel.get(1).status()).isIn(404, 409);
    }

    @Test
    @Order(5)
    void shouldAnswerARetryFromTheOriginalWithoutANewEventOnThePrivateChannel() {
        try (WsClient ws = new WsClient(port)) {
            ws.send("{\"op\":\"auth\",\"token\":\"" + bob + "\"}");
            ws.await(m -> m.path("op").asString("").equals("authenticated"));
            ws.send("{\"op\":\"subscribe\",\"channel\":\"orders\"}");
            ws.await(m -> m.path("op").asString("").equals("subscribed"));

            final Map<String, Object> extra = Map.of("clientOrderId", "bob-ws-retry");
            final Http.Response first = place(bob, "HDFCBANK", "BUY", "LIMIT", "1600.00", 1, extra);
            final Http.Response retry = place(bob, "HDFCBANK", "BUY", "LIMIT", "1600.00", 1, extra);
            final String orderId = first.body().path("orderId").asString();
            assertThat(first.body().path("status").asString()).isEqualTo("RESTING");
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.body().path("orderId").asString()).isEqualTo(orderId);
            assertThat(http.delete("/api/v1/orders/" + orderId, bob).status()).isEqualTo(200);

            ws.await(m -> orderId.equals(m.path("data").path("orderId").asString("")) && m.path("data").path("type").asString("")
                    .equals("CANCELLED"));
            assertThat(ws.received).filteredOn(m -> orderId.equals(m.path("data").path("orderId").asString("")))
                    .extracting(m -> m.path("data").path("type").asString()).containsExactly("RESTING", "CANCELLED");

            final Map<String, Object> tooBig = Map.of("clientOrderId", "bob-too-big");
            assertThat(place(bob, "HDFCBANK", "BUY", "LIMIT", "1600.00", 1_000, tooBig).code()).isEqualTo("INSUFFICIENT_FUNDS");
            ws.await(m -> m.path("data").path("type").asString("").equals("REJECTED"));
            assertThat(place(bob, "HDFCBANK", "BUY", "LIMIT", "1600.00", 1_000, tooBig).code()).isEqualTo("INSUFFICIENT_FUNDS");
            // A marker behind the retry on the same partition: anything the retry emitted would arrive before it.
            assertThat(http.delete("/api/v1/orders/o-marker", bob).status()).isEqualTo(404);
            ws.await(m -> m.path("data").path("orderId").asString("").equals("o-marker"));
            assertThat(ws.received).filteredOn(m -> m.path("data").path("type").asString("").equals("REJECTED")).hasSize(1);
        }
    }

    @Test
    @Order(6)
    void shouldRefuseUnauthenticatedForeignAndAdminAccess() {
        assertThat(http.get("/api/v1/portfolio/balances", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/portfolio/balances", null).code()).isEqualTo("UNAUTHENTICATED");
        assertThat(http.get("/api/v1/portfolio/balances", "not-a-token").status()).isEqualTo(401);
        final String aliceOrder = http.get("/api/v1/orders?status=all", alice).body().get(0).path("orderId").asString();
        assertThat(http.get("/api/v1/orders/" + aliceOrder, bob).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/orders/" + aliceOrder, bob).status()).isIn(404, 409);
        assertThat(http.get("/api/v1/admin/kyc/pending", bob).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/admin/kyc/pending", admin).status()).isEqualTo(200);
        final String refresh = http.post("/api/v1/auth/login", Map.of("email", "alice@example.com", "password", "correct-horse-9"), null)
                .body().path("refreshToken").asString();
        Http.Response guess = null;
        for (int i = 0; i <= 5; i++) {
            guess = http.post("/api/v1/auth/login", Map.of("email", "alice@example.com", "password", "guess-" + i), null);
        }
        assertThat(guess.code()).as("the sixth wrong password in a row").isEqualTo("BAD_CREDENTIALS");
        final Http.Response throttled = http.post("/api/v1/auth/login", Map.of("email", "alice@example.com", "password", "guess-6"), null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("LOGIN_THROTTLED");
        assertThat(throttled.headers().get("retry-after")).containsExactly("1");
        await().atMost(Duration.ofSeconds(5)).until(() -> login("alice@example.com", "correct-horse-9") != null);
        final Http.Response refreshAsBearer = http.get("/api/v1/portfolio/balances", refresh);
        assertThat(refreshAsBearer.status()).isEqualTo(401);
        assertThat(refreshAsBearer.code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    @Order(7)
    void shouldCreditAWebhookOnlyThroughItsDepositIntentAndOnlyOnce() {
        final String bobId = http.get("/api/v1/account", bob).body().path("userId").asString();
        final java.math.BigDecimal before = new java.math.BigDecimal(
                http.get("/api/v1/portfolio/balances", bob).body().path("cash").path("available").asString());
        final String lure = "{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_forged\","
                + "\"order_id\":\"order_nobodys\",\"amount\":100000000,\"currency\":\"INR\",\"status\":\"captured\","
                + "\"notes\":{\"userId\":\"" + bobId + "\"}}}}}";
        final Http.Response forged = http.postRaw("/api/v1/payments/webhook/sandbox", lure, null,
                Map.of(PaymentsController.SIGNATURE_HEADER, "00".repeat(32)));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("INVALID_SIGNATURE");
        // Signed, but for a provider order no intent names: recorded for reconciliation, credits nobody.
        assertThat(http.postRaw("/api/v1/payments/webhook/sandbox", lure, null, Map.of(PaymentsController.SIGNATURE_HEADER,
                PaymentsController.sign(lure.getBytes(), "sandbox-webhook-secret"))).status()).isEqualTo(200);

        final Http.Response deposit = http.post("/api/v1/payments/deposits", Map.of("amount", "1000000.00"), bob);
        assertThat(deposit.status()).isEqualTo(201);
        final String intentId = deposit.body().path("intentId").asString();
        final String replay = "{\"event\":\"order.paid\",\"payload\":{\"payment\":{\"entity\":{\"id\":\""
                + deposit.body().path("paymentId").asString() + "\",\"order_id\":\"" + deposit.body().path("providerOrderId").asString()
                + "\",\"amount\":100000000,\"currency\":\"INR\",\"status\":\"captured\"}}}}";
        assertThat(http.postRaw("/api/v1/payments/webhook/sandbox", replay, null, Map.of(PaymentsController.SIGNATURE_HEADER,
                PaymentsController.sign(replay.getBytes(), "sandbox-webhook-secret"))).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "CREDITED".equals(
                http.get("/api/v1/payments/" + intentId, bob).body().path("status").asString()));
        final String after = before.add(new java.math.BigDecimal("1000000.00")).toPlainString();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> after.equals(
                http.get("/api/v1/portfolio/balances", bob).body().path("cash").path("available").asString()));
        assertThat(http.get("/api/v1/payments", bob).body().path("items").get(0).path("id").asString()).isEqualTo(intentId);

        final String destination = http.post("/api/v1/payments/destinations", Map.of("type", "BANK_ACCOUNT", "accountHolderName",
                "Bob Das", "ifsc", "HDFC0001234", "accountNumber", "000123456789"), bob).body().path("destinationId").asString();
        final Http.Response refused = http.post("/api/v1/payments/withdrawals", Map.of("amount", "99999999.00", "destinationId",
                destination), bob);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(http.get("/api/v1/admin/payments/refusals", bob).status()).isEqualTo(403);
        final JsonNode refusals = http.get("/api/v1/admin/payments/refusals", admin).body();
        assertThat(refusals.get(0).path("userId").asString()).isEqualTo(bobId);
        assertThat(refusals.get(0).path("event").path("reason").asString()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    @Order(8)
    void shouldCreditASandboxDepositOnlyWhenItsCheckoutPageIsPaid() {
        final java.math.BigDecimal before = new java.math.BigDecimal(
                http.get("/api/v1/portfolio/balances", alice).body().path("cash").path("available").asString());
        final Http.Response deposit = http.post("/api/v1/payments/deposits", Map.of("amount", "10.00", "checkout", true), alice);
        assertThat(deposit.status()).isEqualTo(201);
        assertThat(deposit.body().has("paymentId")).isFalse();
        final String intent = "/api/v1/payments/" + deposit.body().path("intentId").asString();
        final String page = deposit.body().path("checkoutUrl").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(page, null).status() == 200);
        assertThat(http.get(page, null).body().asString()).contains("Pay ₹10.00", "Fail the payment");

        assertThat(http.postRaw(page + "/fail", "", null, Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "PAYMENT_FAILED".equals(http.get(intent, alice).body().path("reason").asString()));
        assertThat(http.get(intent, alice).body().path("status").asString()).isEqualTo("OPEN");

        try (WsClient ws = new WsClient(port)) {
            ws.send("{\"op\":\"auth\",\"token\":\"" + alice + "\"}");
            ws.await(m -> m.path("op").asString("").equals("authenticated"));
            ws.send("{\"op\":\"subscribe\",\"channel\":\"payments\"}");
            ws.await(m -> m.path("op").asString("").equals("subscribed"));
            assertThat(http.postRaw(page + "/pay", "", null, Map.of()).status()).isEqualTo(200);
            final JsonNode confirmed = ws.await(m -> m.path("channel").asString("").equals("payments")
                    && m.path("data").path("type").asString("").equals("DEPOSIT_CONFIRMED"));
            assertThat(confirmed.path("data").path("amount").asString()).isEqualTo("10.00");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "CREDITED".equals(http.get(intent, alice).body().path("status").asString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> new java.math.BigDecimal(http.get("/api/v1/portfolio/balances", alice)
                .body().path("cash").path("available").asString()).compareTo(before.add(java.math.BigDecimal.TEN)) == 0);
    }

    @Test
    @Order(8)
    void shouldPayAWithdrawalOutOnlyWhenTheSignedPayoutWebhookReconcilesWithIt() {
        final String destinations = "/api/v1/payments/destinations";
        assertThat(http.post(destinations, Map.of("type", "BANK_ACCOUNT", "accountHolderName", "Bob Das", "ifsc", "HDFC1234567",
                "accountNumber", "000123456789"), bob).code()).isEqualTo("INVALID_IFSC");
        assertThat(http.post(destinations, Map.of("type", "VPA", "vpa", "bob@"), bob).code()).isEqualTo("INVALID_VPA");
        assertThat(http.post(destinations, Map.of("type", "CASH"), bob).code()).isEqualTo("INVALID_DESTINATION_TYPE");
        final Map<String, Object> account = Map.of("type", "BANK_ACCOUNT", "accountHolderName", "Bob Das", "ifsc", "hdfc0001234",
                "accountNumber", "000123456789");
        final Http.Response registered = http.post(destinations, account, bob);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().path("ifsc").asString()).isEqualTo("HDFC0001234");
        assertThat(registered.body().path("accountNumberLast4").asString()).isEqualTo("6789");
        assertThat(registered.body().toString()).doesNotContain("000123456789");
        final String destination = registered.body().path("destinationId").asString();
        assertThat(http.post(destinations, account, bob).body().path("destinationId").asString()).isEqualTo(destination);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(destinations, bob).body().size() == 1);
        assertThat(http.get(destinations, alice).body().size()).isZero();
        final java.math.BigDecimal before = cash(bob, "available");

        // The sandbox's RazorpayX processes the payout at once, by its signed payout.processed webhook.
        final Http.Response paid = http.post("/api/v1/payments/withdrawals", Map.of("amount", "100.00", "destinationId", destination), bob);
        assertThat(paid.status()).isEqualTo(202);
        final String w1 = "/api/v1/payments/" + paid.body().path("withdrawalId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(http.get(w1, bob).body().path("status").asString()));
        final String payoutId = http.get(w1, bob).body().path("providerPaymentId").asString();
        assertThat(payoutId).startsWith("pout_");
        await().atMost(Duration.ofSeconds(10)).until(() -> cash(bob, "available").compareTo(before.subtract(new java.math.BigDecimal("100"))) == 0
                && cash(bob, "reserved").signum() == 0);
        // Replayed, then reversed after it was processed: the first final report stands, nothing moves again.
        assertThat(payoutWebhook("payout.processed", "processed", payoutId, paid.body().path("withdrawalId").asString(), 10_000))
                .isEqualTo(200);
        assertThat(payoutWebhook("payout.reversed", "reversed", payoutId, paid.body().path("withdrawalId").asString(), 10_000))
                .isEqualTo(200);

        // Left to the sandbox payout page: reserved, not debited, until the page decides.
        final Http.Response held = http.post("/api/v1/payments/withdrawals", Map.of("amount", "200.00", "destinationId", destination,
                "checkout", true), bob);
        assertThat(held.status()).isEqualTo(202);
        final String w2Id = held.body().path("withdrawalId").asString();
        final String page = held.body().path("payoutPageUrl").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> "PROCESSING".equals(http.get("/api/v1/payments/" + w2Id, bob).body()
                .path("status").asString()));
        assertThat(cash(bob, "reserved")).isEqualByComparingTo("200.00");
        assertThat(http.get(page, null).body().asString()).contains("₹200.00", "Mark failed");
        final String w2Payout = http.get("/api/v1/payments/" + w2Id, bob).body().path("providerPaymentId").asString();
        // Another amount, a forged signature, a payout the exchange never made: nothing moves.
        assertThat(payoutWebhook("payout.processed", "processed", w2Payout, w2Id, 100)).isEqualTo(200);
        final String forged = payoutBody("payout.processed", "processed", w2Payout, w2Id, 20_000);
        assertThat(http.postRaw("/api/v1/payments/webhook/sandbox", forged, null, Map.of(PaymentsController.SIGNATURE_HEADER,
                PaymentsController.sign(forged.getBytes(), "not-the-secret"))).status()).isEqualTo(401);
        assertThat(payoutWebhook("payout.processed", "processed", "pout_nobodys", "dashboard payout 7", 20_000)).isEqualTo(200);
        assertThat(http.postRaw(page + "/failed", "", null, Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(http.get("/api/v1/payments/" + w2Id, bob).body()
                .path("status").asString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> cash(bob, "available").compareTo(before.subtract(new java.math.BigDecimal("100"))) == 0
                && cash(bob, "reserved").signum() == 0);
        assertThat(http.get("/api/v1/payments/" + w2Id, bob).body().path("reason").asString()).isEqualTo("sandbox_failed");

        final JsonNode refusals = http.get("/api/v1/admin/payments/refusals", admin).body();
        final List<String> reasons = new java.util.ArrayList<>();
        refusals.forEach(r -> reasons.add(r.path("event").path("type").asString() + " " + r.path("event").path("reason").asString()));
        assertThat(reasons).contains("PAYOUT_REJECTED PAYOUT_ALREADY_SETTLED", "PAYOUT_REJECTED AMOUNT_MISMATCH",
                "PAYOUT_REJECTED UNKNOWN_WITHDRAWAL");
        final Http.Response unknown = http.post("/api/v1/payments/withdrawals", Map.of("amount", "1.00", "destinationId",
                "dst_00000000000000000000"), bob);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_DESTINATION");
    }

    private java.math.BigDecimal cash(final String token, final String field) {
        return new java.math.BigDecimal(http.get("/api/v1/portfolio/balances", token).body().path("cash").path(field).asString());
    }

    private static String payoutBody(final String event, final String status, final String payoutId, final String referenceId,
            final long amountPaise) {
        return "{\"entity\":\"event\",\"event\":\"" + event + "\",\"payload\":{\"payout\":{\"entity\":{\"id\":\"" + payoutId
                + "\",\"entity\":\"payout\",\"amount\":" + amountPaise + ",\"currency\":\"INR\",\"status\":\"" + status
                + "\",\"reference_id\":\"" + referenceId + "\"}}}}";
    }

    /** Sends RazorpayX's signed payout webhook; returns the status the node answered. */
    private int payoutWebhook(final String event, final String status, final String payoutId, final String referenceId,
            final long amountPaise) {
        final String body = payoutBody(event, status, payoutId, referenceId, amountPaise);
        return http.postRaw("/api/v1/payments/webhook/sandbox", body, null, Map.of(PaymentsController.SIGNATURE_HEADER,
                PaymentsController.sign(body.getBytes(), "sandbox-webhook-secret"))).status();
    }

    @Test
    @Order(9)
    void shouldAnswerBadInputWithProblemDetailsAndAStableCode() {
        assertThat(http.post("/api/v1/orders", "{\"symbol\":", bob).code()).isEqualTo("MALFORMED_JSON");
        final Http.Response unknown = http.post("/api/v1/orders", Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT",
                "price", "4000.00", "quantity", 1, "leverage", 100), bob);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_FIELD");
        assertThat(unknown.body().path("detail").asString()).as("no Java class names").isEqualTo("Unknown field 'leverage'");
        final Http.Response badInterval = http.get("/api/v1/market/RELIANCE/candles?interval=FORTNIGHT", null);
        assertThat(badInterval.code()).isEqualTo("INVALID_PARAMETER");
        assertThat(badInterval.body().path("detail").asString()).startsWith("Parameter 'interval' must be one of [").doesNotContain("java.");
        assertThat(http.get("/api/v1/market/RELIANCE/depth?levels=many", null).body().path("detail").asString())
                .isEqualTo("Parameter 'levels' must be a number");
        assertThat(http.post("/api/v1/orders", Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT", "price", "4000.00",
                "quantity", -5), bob).code()).isEqualTo("VALIDATION_FAILED");
        final Http.Response fractional = http.post("/api/v1/orders", Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT",
                "price", "4000.00", "quantity", 1.5), bob);
        assertThat(fractional.status()).isEqualTo(400);
        assertThat(fractional.code()).isEqualTo("INTEGER_REQUIRED");
        assertThat(fractional.body().path("detail").asString()).isEqualTo("quantity must be a whole number");
        final Http.Response bell = http.post("/api/v1/auth/register", Map.of("email", "eve@example.com", "password", "correct-horse-9",
                "displayName", "Eve\u0007\u001b[2J"), null);
        assertThat(bell.status()).isEqualTo(400);
        assertThat(bell.code()).isEqualTo("CONTROL_CHARACTER");
        final Http.Response weak = http.post("/api/v1/auth/register", Map.of("email", "eve@example.com", "password", "password",
                "displayName", "Eve"), null);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("WEAK_PASSWORD");
        assertThat(http.post("/api/v1/orders", Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT", "price", "4000.00",
                "quantity", 1, "clientOrderId", "id\u202Ecod"), bob).code()).isEqualTo("CONTROL_CHARACTER");
        assertThat(http.post("/api/v1/orders", Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT", "price", "4000.03",
                "quantity", 1), bob).code()).isEqualTo("INVALID_PRICE_TICK");
        assertThat(http.post("/api/v1/orders", Map.of("symbol", "NOPE", "side", "BUY", "type", "LIMIT", "price", "4000.00",
                "quantity", 1), bob).code()).isEqualTo("UNKNOWN_SYMBOL");
        assertThat(http.post("/api/v1/orders", Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT", "price", "4000.00",
                "quantity", 10_000_000_000L), bob).code()).isEqualTo("VALIDATION_FAILED");
        final Http.Response problem = http.post("/api/v1/orders", Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT",
                "price", "4000.001", "quantity", 1), bob);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.headers().get("content-type").get(0)).startsWith("application/problem+json");
        assertThat(problem.body().path("type").asString()).startsWith("https://bourse.io/problems/");
        assertThat(http.post("/api/v1/orders", Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT", "price", "9999.00",
                "quantity", 1_000), bob).code()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    @Order(10)
    void shouldPushTradesBookDeltasAndPrivateFillsOverWebSocket() {
        try (WsClient ws = new WsClient(port)) {
            ws.send("{\"op\":\"subscribe\",\"channel\":\"orders\"}");
            assertThat(ws.await(m -> m.path("op").asString("").equals("error")).path("code").asString()).isEqualTo("UNAUTHENTICATED");
            ws.send("{\"op\":\"auth\",\"token\":\"" + bob + "\"}");
            ws.await(m -> m.path("op").asString("").equals("authenticated"));
            ws.send("{\"op\":\"subscribe\",\"channel\":\"orders\"}");
            ws.send("{\"op\":\"subscribe\",\"channel\":\"trades.INFY\"}");
            ws.send("{\"op\":\"subscribe\",\"channel\":\"book.INFY\"}");
            ws.send("{\"op\":\"subscribe\",\"channel\":\"nonsense\"}");
            final JsonNode snapshot = ws.await(m -> m.path("data").path("type").asString("").equals("snapshot"));
            final long snapshotSequence = snapshot.path("data").path("sequence").asLong();
            assertThat(ws.await(m -> m.path("code").asString("").equals("UNKNOWN_CHANNEL"))).isNotNull();

            assertThat(http.post("/api/v1/admin/transfers", Map.of("email", "alice@example.com", "symbol", "INFY",
                    "quantity", 5, "reference", "demat-infy"), admin).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> holding(alice, "INFY") == 5);
            assertThat(http.post("/api/v1/orders", Map.of("symbol", "INFY", "side", "SELL", "type", "LIMIT", "price", "1850.00",
                    "quantity", 5), alice).status()).isEqualTo(201);
            assertThat(http.post("/api/v1/orders", Map.of("symbol", "INFY", "side", "BUY", "type", "MARKET", "quantity", 2), bob)
                    .status()).isEqualTo(201);

            final JsonNode trade = ws.await(m -> m.path("channel").asString("").equals("trades.INFY") && m.has("data"));
            assertThat(trade.path("data").path("price").asString()).isEqualTo("1850.00");
            assertThat(trade.path("data").path("quantity").asLong()).isEqualTo(2);
            final JsonNode fill = ws.await(m -> m.path("channel").asString("").equals("orders")
                    && m.path("data").path("type").asString("").equals("FILL"));
            assertThat(fill.path("data").path("fillQuantity").asLong()).isEqualTo(2);
            assertThat(ws.received).noneMatch(m -> m.path("channel").asString("").equals("orders")
                    && m.path("data").path("side").asString("").equals("SELL"));
            // Deltas continue the snapshot's sequence without a gap.
            final List<Long> deltas = await().atMost(Duration.ofSeconds(20)).until(() -> ws.received.stream()
                    .filter(m -> m.path("data").path("type").asString("").equals("delta"))
                    .map(m -> m.path("data").path("sequence").asLong()).toList(), l -> l.size() >= 2);
            assertThat(deltas.get(0)).isEqualTo(snapshotSequence + 1);
            assertThat(deltas.get(1)).isEqualTo(snapshotSequence + 2);
        }
    }

    @Test
    @Order(11)
    void shouldPublishTheOpenApiDocumentAndHealthAndMetrics() {
        final JsonNode api = http.get("/v3/api-docs", null).body();
        assertThat(api.path("paths").has("/api/v1/orders")).isTrue();
        assertThat(api.path("paths").has("/api/v1/market/{symbol}/depth")).isTrue();
        // Lists gathered from every node keep their typed schema.
        assertThat(arrayItemsRef(api, "/api/v1/market/tickers")).endsWith("/TickerView");
        assertThat(arrayItemsRef(api, "/api/v1/admin/kyc/pending")).endsWith("/AccountView");
        final JsonNode health = http.get("/actuator/health", null).body();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.has("components")).as("no parts, no disk path, for anyone").isFalse();
        assertThat(http.get("/actuator/health", bob).body().has("components")).as("nor for a trader").isFalse();
        final Map<String, List<String>> ui = http.headersOf("/");
        assertThat(ui.get("content-security-policy")).singleElement().asString().contains("default-src 'self'", "script-src 'self';",
                "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(ui.get("x-content-type-options")).containsExactly("nosniff");
        assertThat(ui.get("referrer-policy")).containsExactly("no-referrer");
        assertThat(http.headersOf("/swagger-ui/index.html").get("content-security-policy")).singleElement().asString()
                .contains("style-src 'self' 'unsafe-inline'").doesNotContain("script-src 'self' 'unsafe");
        assertThat(http.get("/api/v1/market/instruments", null).headers()).containsKey("content-security-policy");
        final JsonNode detailed = http.get("/actuator/health", admin).body();
        assertThat(detailed.path("components").path("topologies").path("details").path("portfolio").asString()).isEqualTo("RUNNING");
    }

    /** The {@code $ref} of the items of the array a GET of {@code path} answers with 200. */
    private static String arrayItemsRef(final JsonNode api, final String path) {
        final JsonNode content = api.path("paths").path(path).path("get").path("responses").path("200").path("content");
        assertThat(content.isEmpty()).as("response content of %s", path).isFalse();
        final JsonNode schema = content.iterator().next().path("schema");
        assertThat(schema.path("type").asString()).as("response type of %s", path).isEqualTo("array");
        return schema.path("items").path("$ref").asString();
    }

    @Autowired
    private KafkaEndpoints endpoints;

    @Test
    @Order(12)
    void shouldCarryTheLoadGeneratorsOrdersThroughRestAndKafka() throws Exception {
        final String kafka = "--bootstrap=" + endpoints.bootstrapServers();
        final String registry = "--registry=" + endpoints.schemaRegistryUrl();
        final String node = "--http=http://localhost:" + port;
        final LoadGenerator.StepResult rest = LoadGenerator.run(LoadOptions.parse("--mode=rest", "--rates=20", "--seconds=3",
                "--warmup=2", "--traders=3", "--cancel-share=0.2", "--seed=7", kafka, registry, node,
                "--admin-email=" + ExchangeSeeder.ADMIN_EMAIL, "--admin-password=" + ExchangeSeeder.ADMIN_PASSWORD)).get(0);
        assertThat(rest.failures()).isZero();
        assertThat(rest.rejected()).isZero();
        assertThat(rest.places()).isPositive();
        assertThat(rest.answered()).isEqualTo(rest.places());
        assertThat(rest.verdict().getTotalCount()).isEqualTo(rest.places());
        assertThat(rest.httpAnswers().getTotalCount()).isEqualTo(rest.places());
        assertThat(rest.cancels()).isPositive();
        assertThat(rest.firstFill().getTotalCount()).isPositive();
        assertThat(rest.settledFill().getTotalCount()).isPositive();
        assertThat(rest.tradeToWebSocket().getTotalCount()).isPositive();

        final Path csv = Files.createTempFile("loadgen", ".csv");
        final LoadGenerator.StepResult direct = LoadGenerator.run(LoadOptions.parse("--mode=kafka", "--rates=50", "--seconds=3",
                "--warmup=2", "--traders=3", "--seed=8", kafka, registry, node, "--admin-email=" + ExchangeSeeder.ADMIN_EMAIL,
                "--csv=" + csv, "--budget")).get(0);
        assertThat(direct.rejected()).isZero();
        assertThat(direct.answered()).isEqualTo(direct.places());
        assertThat(direct.firstFill().getTotalCount()).isPositive();
        assertThat(direct.nodeCores()).as("the node's CPU, read from its /actuator/prometheus").isPositive();
        assertThat(direct.nodeGcPauses()).as("the node's collector pauses, read there too").isNotNegative();
        assertThat(direct.nodeFullGcPauses()).isBetween(0L, direct.nodeGcPauses());
        assertThat(direct.generatorGcPauses()).isNotNegative();
        final List<String> lines = Files.readAllLines(csv);
        Files.delete(csv);
        final Path budgetCsv = csv.resolveSibling(csv.getFileName().toString().replace(".csv", "-budget.csv"));
        final List<String> budget = Files.readAllLines(budgetCsv);
        Files.delete(budgetCsv);
        assertThat(budget).as("the record budget names the topics the order path writes")
                .anyMatch(l -> l.contains("matching.results")).anyMatch(l -> l.contains("orders.events"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("label,mode,offered_per_s,").contains(",node_gc_pauses,", ",generator_gc_pauses,");
        assertThat(lines.get(1).split(",", -1)).as("a value under every column").hasSameSizeAs(lines.get(0).split(","));
    }

    @Test
    @Order(13)
    void shouldAnswerEveryOperationsMalformedInputWithAProblemAndNever500() {
        final long seed = Long.getLong("bourse.seed", System.nanoTime());
        System.out.println("API fuzz seed " + seed + " (replay with -Dbourse.seed=" + seed + ")");
        final ApiFuzz fuzz = new ApiFuzz(port, seed);
        final List<String> tokens = new java.util.ArrayList<>(java.util.Arrays.asList(bob, admin, "not-a-token"));
        tokens.add(null);
        final List<String> broken = fuzz.run(http.get("/v3/api-docs", null).body(), 12, tokens);
        assertThat(fuzz.sent()).isGreaterThan(300);
        assertThat(broken).as("seed %d", seed).isEmpty();
    }

    @Test
    @Order(14)
    void shouldPassTheAuditAfterEverythingAbove() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            final List<String> report = new java.util.ArrayList<>();
            assertThat(io.bourse.tools.audit.AuditMain.run(endpoints.bootstrapServers(), endpoints.schemaRegistryUrl(), report::add))
                    .as(String.join("\n", report)).isEmpty();
            assertThat(report.get(0)).contains("every invariant holds");
        });
    }

    private Http.Response place(final String token, final String symbol, final String side, final String type, final String price,
            final long quantity, final Map<String, Object> extra) {
        final Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("symbol", symbol, "side", side, "type", type,
                "quantity", quantity));
        if (price != null) {
            body.put("price", price);
        }
        body.putAll(extra);
        return http.post("/api/v1/orders", body, token);
    }

    /** The id the edge gives an order placed with {@code clientOrderId}. */
    private String orderIdFor(final String token, final String clientOrderId) {
        return Commands.placedOrderId(http.get("/api/v1/account", token).body().path("userId").asString(), clientOrderId, null);
    }

    private String instrumentStatus(final String symbol) {
        for (final JsonNode i : http.get("/api/v1/market/instruments", null).body()) {
            if (i.path("symbol").asString().equals(symbol)) {
                return i.path("status").asString();
            }
        }
        return null;
    }

    /** Sends the requests at the same moment, from two threads; their answers in the order given. */
    @SafeVarargs
    private static List<Http.Response> together(final java.util.function.Supplier<Http.Response>... requests) {
        final java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(requests.length);
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(requests.length);
        final List<java.util.concurrent.CompletableFuture<Http.Response>> answers = java.util.Arrays.stream(requests)
                .map(r -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (final Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return r.get();
                }, pool)).toList();
        try {
            return answers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    private long holding(final String token, final String symbol) {
        for (final JsonNode h : http.get("/api/v1/portfolio/balances", token).body().path("holdings")) {
            if (h.path("symbol").asString().equals(symbol)) {
                return h.path("quantity").asLong();
            }
        }
        return 0;
    }
}
