package io.bourse.tools.load;

import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.client.Rupees;
import io.bourse.client.CommandEnvelopes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places and cancels through the REST API as signed-in traders, the way an algorithmic client does.
 * Traders register, submit KYC, are approved by the admin, deposit through the sandbox provider and
 * receive shares by an admin transfer. Enough traders are used that each stays under the per-user
 * rate limit at the offered rate.
 */
final class RestGateway implements OrderGateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "load-generator-2026";

    private final LoadOptions options;
    private final int traders;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        final Thread t = new Thread(r, "loadgen-http");
        t.setDaemon(true);
        return t;
    });
    // HTTP/1.1 outright: the node speaks nothing else, and an h2c upgrade offer would ride on every new connection.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicLong failures;
    private final AtomicLong busy;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong failedPlaces = new AtomicLong();

    /**
     * @param failures counts requests answered with neither success nor an order refusal
     * @param busy counts those of them a node refused as busy (503 {@code EXCHANGE_BUSY}: nothing placed)
     */
    RestGateway(final LoadOptions options, final AtomicLong failures, final AtomicLong busy) {
        this.options = options;
        this.traders = options.traders();
        this.failures = failures;
        this.busy = busy;
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            System.err.println("warning: the common pool has one thread, so every REST answer starts a thread of its own "
                    + "here; the generator, not the node, may limit this run (set java.util.concurrent.ForkJoinPool.common.parallelism)");
        }
    }

    @Override
    public List<String> setUp() throws Exception {
        final String admin = login(options.adminEmail(), options.adminPassword()).path("accessToken").asString();
        final List<String> users = new ArrayList<>();
        for (int i = 0; i < traders; i++) {
            final String email = "rest-load" + i + "@loadgen.bourse.local";
            final int registered = call("POST", "/api/v1/auth/register", Map.of("email", email, "password", PASSWORD,
                    "displayName", "REST load " + i), null).statusCode();
            if (registered != 201 && registered != 202 && registered != 409) {
                throw new IllegalStateException("Registering " + email + " answered " + registered);
            }
            final JsonNode session = login(email, PASSWORD);
            final String user = session.path("userId").asString();
            tokens.put(user, session.path("accessToken").asString());
            users.add(user);
            call("POST", "/api/v1/kyc", Map.of("legalName", "REST load " + i, "dateOfBirth", "1990-01-01", "pan", "ABCDE1234F",
                    "address", "Mumbai"), tokens.get(user));
            call("POST", "/api/v1/admin/kyc/" + user + "/approve", Map.of(), admin);
            expect(call("POST", "/api/v1/payments/deposits", Map.of("amount", "10000000000.00"), tokens.get(user)), 201);
            expect(call("POST", "/api/v1/admin/transfers", Map.of("email", email, "symbol", SYMBOL, "quantity", 10_000_000,
                    "reference", "rest-load-" + options.seed()), admin), 200, 201, 202);
        }
        for (final String user : users) {
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!funded(user)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Trader " + user + " was not funded within 60 s");
                }
                Thread.sleep(200);
            }
        }
        return users;
    }

    @Override
    public void place(final String user, final String clientOrderId, final Side side, final TimeInForce timeInForce,
            final long pricePaise, final long quantity, final Answer answer) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", SYMBOL);
        body.put("side", side.name());
        body.put("type", "LIMIT");
        body.put("timeInForce", timeInForce.name());
        body.put("price", Rupees.format(pricePaise));
        body.put("quantity", quantity);
        body.put("clientOrderId", clientOrderId);
        final long started = System.nanoTime();
        inFlight.incrementAndGet();
        http.sendAsync(request("POST", "/api/v1/orders", body, tokens.get(user)), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    final long micros = Math.max(1, (System.nanoTime() - started) / 1_000);
                    if (error == null && response.statusCode() == 422) {
                        // A refusal is an answer too: the portfolio's, or the engine's for an IOC that met nothing.
                        answer.accept(null, micros);
                    } else if (error != null || !placed(response.statusCode())) {
                        failedPlaces.incrementAndGet();
                        failed("place", response, error);
                    } else {
                        answer.accept(JSON.readTree(response.body()).path("orderId").asString(), micros);
                    }
                })
                // Counted down only after the answer is recorded, so a finished step has every answer.
                .whenComplete((response, error) -> inFlight.decrementAndGet());
    }

    /** 201 decided, 202 still pending, 200 the state of a place sent twice (a connection had closed under the first). */
    private static boolean placed(final int status) {
        return status == 201 || status == 202 || status == 200;
    }

    @Override
    public String orderIdFor(final String user, final String clientOrderId) {
        return CommandEnvelopes.placedOrderId(user, clientOrderId, null);
    }

    @Override
    public void cancel(final String user, final String orderId) {
        inFlight.incrementAndGet();
        http.sendAsync(request("DELETE", "/api/v1/orders/" + orderId, null, tokens.get(user)), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    // 409 ORDER_NOT_OPEN: it filled first; a fair race, not a failure.
                    if (error != null || (response.statusCode() != 200 && response.statusCode() != 202 && response.statusCode() != 409)) {
                        failed("cancel", response, error);
                    }
                })
                .whenComplete((response, error) -> inFlight.decrementAndGet());
    }

    /** Counts a failed request and describes the first few, so a failing run says why. */
    private void failed(final String what, final HttpResponse<String> response, final Throwable error) {
        if (error == null && response.statusCode() == 503 && response.body().contains("EXCHANGE_BUSY")) {
            busy.incrementAndGet();
        }
        if (failures.incrementAndGet() <= 5) {
            System.err.printf("%s failed: %s%n", what, error != null ? error : response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void flush() {
        // Requests are in flight already; their answers are awaited through the event stream.
    }

    @Override
    public long pending() {
        return inFlight.get();
    }

    @Override
    public long failedPlaces() {
        return failedPlaces.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private boolean funded(final String user) throws Exception {
        final HttpResponse<String> response = call("GET", "/api/v1/portfolio/balances", null, tokens.get(user));
        if (response.statusCode() != 200) {
            return false;
        }
        final JsonNode balances = JSON.readTree(response.body());
        return !balances.path("cash").path("available").asString("0.00").equals("0.00") && !balances.path("holdings").isEmpty();
    }

    private JsonNode login(final String email, final String password) throws Exception {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            final HttpResponse<String> response = call("POST", "/api/v1/auth/login", Map.of("email", email, "password", password), null);
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            // A registration is answered before the account is readable everywhere: try again shortly.
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Login of " + email + " answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(200);
        }
    }

    /** A set-up request, retried when rate-limited (honouring Retry-After). */
    private HttpResponse<String> call(final String method, final String path, final Object body, final String token) throws Exception {
        while (true) {
            final HttpResponse<String> response = http.send(request(method, path, body, token), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429) {
                return response;
            }
            Thread.sleep(1_000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    private HttpRequest request(final String method, final String path, final Object body, final String token) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(options.http() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static void expect(final HttpResponse<String> response, final int... statuses) {
        for (final int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }
}
