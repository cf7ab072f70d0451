package io.bourse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.api.PaymentsController;
import io.bourse.edge.load.LoadGenerator;
import io.bourse.edge.load.LoadOptions;
import io.bourse.edge.sim.ExchangeSeeder;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole exchange in one JVM — embedded broker and registry, all three topologies, the HTTP
 * edge — driven only through HTTP: two traders register, pass KYC, fund their accounts, trade, and
 * see balances settle to the exact paisa and market data update. Then the security and bad-input rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
        assertThat(sell.body().path("type").asString()).isEqualTo("ACCEPTED");
        final Http.Response buy = http.post("/api/v1/orders", Map.of("symbol", "RELIANCE", "side", "BUY", "type", "LIMIT",
                "price", "2455.00", "quantity", 10, "clientOrderId", "bob-1"), bob);
        assertThat(buy.status()).isEqualTo(201);

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
        assertThat(http.get("/api/v1/portfolio/ledger", bob).body().size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(2)
    void shouldRestAndCancelAndAnswerARetryWithTheSameOrder() {
        final Map<String, Object> bid = Map.of("symbol", "TCS", "side", "BUY", "type", "LIMIT", "price", "4000.00", "quantity", 1,
                "clientOrderId", "bob-retry");
        final Http.Response first = http.post("/api/v1/orders", bid, bob);
        final Http.Response retry = http.post("/api/v1/orders", bid, bob);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.body().path("orderId").asString()).isEqualTo(first.body().path("orderId").asString());
        final String orderId = first.body().path("orderId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/orders?status=open", bob).body().size() == 1);
        assertThat(http.get("/api/v1/market/TCS/depth", null).body().path("bids").get(0).path("price").asString()).isEqualTo("4000.00");
        assertThat(http.delete("/api/v1/orders/" + orderId, bob).body().path("type").asString()).isEqualTo("CANCELLED");
        assertThat(http.delete("/api/v1/orders/" + orderId, bob).code()).isEqualTo("ORDER_NOT_OPEN");
    }

    @Test
    @Order(3)
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
    @Order(4)
    void shouldCreditNothingForAWebhookWithABadSignature() {
        final String bobId = http.get("/api/v1/account", bob).body().path("userId").asString();
        final String body = "{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_forged\","
                + "\"amount\":100000000,\"currency\":\"INR\",\"notes\":{\"userId\":\"" + bobId + "\"}}}}}";
        final Http.Response forged = http.postRaw("/api/v1/payments/webhook/razorpay", body, null,
                Map.of(PaymentsController.SIGNATURE_HEADER, "00".repeat(32)));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("INVALID_SIGNATURE");
        final Http.Response genuine = http.postRaw("/api/v1/payments/webhook/razorpay", body, null,
                Map.of(PaymentsController.SIGNATURE_HEADER, PaymentsController.sign(body.getBytes(), "sandbox-webhook-secret")));
        assertThat(genuine.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "1005492.65".equals(
                http.get("/api/v1/portfolio/balances", bob).body().path("cash").path("available").asString()));
    }

    @Test
    @Order(5)
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
    @Order(6)
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
    @Order(7)
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
    @Order(8)
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
        assertThat(rest.accepted().getTotalCount()).isEqualTo(rest.places());
        assertThat(rest.httpAnswers().getTotalCount()).isEqualTo(rest.places());
        assertThat(rest.cancels()).isPositive();
        assertThat(rest.firstFill().getTotalCount()).isPositive();
        assertThat(rest.tradeToWebSocket().getTotalCount()).isPositive();

        final Path csv = Files.createTempFile("loadgen", ".csv");
        final LoadGenerator.StepResult direct = LoadGenerator.run(LoadOptions.parse("--mode=kafka", "--rates=50", "--seconds=3",
                "--warmup=2", "--traders=3", "--seed=8", kafka, registry, node, "--admin-email=" + ExchangeSeeder.ADMIN_EMAIL,
                "--csv=" + csv)).get(0);
        assertThat(direct.rejected()).isZero();
        assertThat(direct.answered()).isEqualTo(direct.places());
        assertThat(direct.firstFill().getTotalCount()).isPositive();
        assertThat(direct.nodeCores()).as("the node's CPU, read from its /actuator/prometheus").isPositive();
        assertThat(direct.nodeGcPauses()).as("the node's collector pauses, read there too").isNotNegative();
        assertThat(direct.nodeFullGcPauses()).isBetween(0L, direct.nodeGcPauses());
        assertThat(direct.generatorGcPauses()).isNotNegative();
        final List<String> lines = Files.readAllLines(csv);
        Files.delete(csv);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("label,mode,offered_per_s,").contains(",node_gc_pauses,", ",generator_gc_pauses,");
        assertThat(lines.get(1).split(",", -1)).as("a value under every column").hasSameSizeAs(lines.get(0).split(","));
    }

    @Test
    @Order(9)
    void shouldPassTheAuditAfterEverythingAbove() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            final List<String> report = new java.util.ArrayList<>();
            assertThat(io.bourse.edge.audit.AuditMain.run(endpoints.bootstrapServers(), endpoints.schemaRegistryUrl(), report::add))
                    .as(String.join("\n", report)).isEmpty();
            assertThat(report.get(0)).contains("every invariant holds");
        });
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
