package io.bourse.edge.payments;

import io.bourse.edge.api.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls of Razorpay's REST API the exchange makes, over HTTP basic auth with the key id and
 * secret: create an order ({@code POST /v1/orders}) and fetch a payment ({@code GET /v1/payments/{id}});
 * and on RazorpayX, create a contact ({@code POST /v1/contacts}), a fund account
 * ({@code POST /v1/fund_accounts}) and a payout ({@code POST /v1/payouts}, with the
 * {@code X-Payout-Idempotency} header).
 * Razorpay's answers are checked as strictly as its webhooks; a provider that is down or answers
 * nonsense is a 502/503 problem, never a guess.
 */
public class RazorpayClient {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern REASON = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RazorpayClient(final String baseUrl, final String keyId, final String keySecret) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + keySecret).getBytes(StandardCharsets.UTF_8));
    }

    /** What Razorpay says about a payment. */
    public record PaymentState(String paymentId, String orderId, long amountPaise, String currency, String status) {
    }

    /**
     * What RazorpayX says about a payout.
     *
     * @param referenceId the payout's {@code reference_id}; null when it has none
     */
    public record PayoutState(String payoutId, long amountPaise, String status, String referenceId) {
    }

    /** Creates an order of {@code amountPaise} with {@code receipt}; returns Razorpay's order id. */
    public String createOrder(final String receipt, final long amountPaise, final String currency) {
        final byte[] body = JSON.writeValueAsBytes(Map.of("amount", amountPaise, "currency", currency, "receipt", receipt,
                "notes", Map.of("intentId", receipt)));
        final JsonNode order = call(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/orders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)))
                .orElseThrow(() -> badGateway("Razorpay answered 404 to creating an order"));
        final String id = order.path("id").asString("");
        if (!ID.matcher(id).matches() || order.path("amount").asLong(-1) != amountPaise
                || !currency.equals(order.path("currency").asString(""))) {
            throw badGateway("Razorpay answered the order with an unexpected body");
        }
        return id;
    }

    /**
     * Creates (or, for the same details, finds) the contact of {@code referenceId}, a user id; returns
     * its id.
     */
    public String createContact(final String name, final String referenceId) {
        final byte[] body = JSON.writeValueAsBytes(Map.of("name", name, "type", "customer", "reference_id", referenceId));
        return id(post("/v1/contacts", body, null, false), "contact");
    }

    /** Creates (or, for the same details, finds) the fund account of {@code destination} for the contact; returns its id. */
    public String createFundAccount(final String contactId, final PaymentProvider.Destination destination) {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("contact_id", contactId);
        if (destination.isVpa()) {
            request.put("account_type", "vpa");
            request.put("vpa", Map.of("address", destination.vpa()));
        } else {
            request.put("account_type", "bank_account");
            request.put("bank_account", Map.of("name", destination.holderName(), "ifsc", destination.ifsc(),
                    "account_number", destination.accountNumber()));
        }
        return id(post("/v1/fund_accounts", JSON.writeValueAsBytes(request), null, false), "fund account");
    }

    /**
     * Creates the payout from the business account {@code accountNumber}, with the withdrawal id as
     * its {@code reference_id} and idempotency key; returns the payout id.
     *
     * @throws PaymentProvider.PayoutRefused when RazorpayX refuses the request itself (a 4xx other than authentication or rate limits)
     */
    public String createPayout(final String accountNumber, final PaymentProvider.Payout payout) {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("account_number", accountNumber);
        request.put("fund_account_id", payout.fundAccountId());
        request.put("amount", payout.amountPaise());
        request.put("currency", "INR");
        request.put("mode", payout.mode());
        request.put("purpose", "payout");
        request.put("queue_if_low_balance", true);
        request.put("reference_id", payout.withdrawalId());
        request.put("narration", "Bourse withdrawal");
        final JsonNode answer = post("/v1/payouts", JSON.writeValueAsBytes(request), payout.withdrawalId(), true);
        final String id = id(answer, "payout");
        if (answer.path("amount").asLong(-1) != payout.amountPaise() || !payout.withdrawalId().equals(answer.path("reference_id").asString(""))) {
            throw badGateway("RazorpayX answered the payout with another amount or reference");
        }
        return id;
    }

    private JsonNode post(final String path, final byte[] body, final String idempotencyKey, final boolean refusable) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("X-Payout-Idempotency", idempotencyKey);
        }
        return call(request, refusable).orElseThrow(() -> badGateway("Razorpay answered 404 to POST " + path));
    }

    private static String id(final JsonNode answer, final String what) {
        final String id = answer.path("id").asString("");
        if (!ID.matcher(id).matches()) {
            throw badGateway("Razorpay answered the " + what + " with no valid id");
        }
        return id;
    }

    /** The payment {@code paymentId} as Razorpay has it; empty when Razorpay does not know it. */
    public Optional<PaymentState> payment(final String paymentId) {
        if (!ID.matcher(paymentId).matches()) {
            return Optional.empty();
        }
        final Optional<JsonNode> found = call(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/payments/" + paymentId)).GET());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        final JsonNode payment = found.get();
        final JsonNode amount = payment.path("amount");
        if (!amount.isIntegralNumber() || !amount.canConvertToLong()) {
            throw badGateway("Razorpay answered the payment with an unexpected body");
        }
        return Optional.of(new PaymentState(payment.path("id").asString(""), payment.path("order_id").asString(""), amount.longValue(),
                payment.path("currency").asString(""), payment.path("status").asString("")));
    }

    /** The payout {@code payoutId} as RazorpayX has it ({@code GET /v1/payouts/{id}}); empty when RazorpayX does not know it. */
    public Optional<PayoutState> payout(final String payoutId) {
        if (!ID.matcher(payoutId).matches()) {
            return Optional.empty();
        }
        final Optional<JsonNode> found = call(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/payouts/" + payoutId)).GET());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        final JsonNode payout = found.get();
        final JsonNode amount = payout.path("amount");
        final JsonNode reference = payout.path("reference_id");
        if (!amount.isIntegralNumber() || !amount.canConvertToLong() || !payout.path("status").isString()
                || !payoutId.equals(payout.path("id").asString(""))) {
            throw badGateway("RazorpayX answered the payout with an unexpected body");
        }
        return Optional.of(new PayoutState(payoutId, amount.longValue(), payout.path("status").stringValue(),
                reference.isString() ? reference.stringValue() : null));
    }

    private Optional<JsonNode> call(final HttpRequest.Builder request) {
        return call(request, false);
    }

    /**
     * Razorpay's JSON answer; empty for a 404.
     *
     * @param refusable whether a 4xx (but 401, 403, 404, 408, 409 and 429, which may pass) refuses the request for good
     */
    private Optional<JsonNode> call(final HttpRequest.Builder request, final boolean refusable) {
        final HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(10)).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (final IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "PROVIDER_UNAVAILABLE", "Razorpay cannot be reached; retry shortly");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "PROVIDER_UNAVAILABLE", "Interrupted");
        }
        final int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (refusable && status >= 400 && status < 500 && !Set.of(401, 403, 408, 409, 429).contains(status)) {
            throw new PaymentProvider.PayoutRefused(errorCode(response.body()), "Razorpay refused the request with " + status);
        }
        if (status != 200 && status != 201) {
            throw badGateway("Razorpay answered " + status);
        }
        try {
            final JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw badGateway("Razorpay answered with no JSON object");
            }
            return Optional.of(node);
        } catch (final JacksonException e) {
            throw badGateway("Razorpay answered with no JSON");
        }
    }

    /** Razorpay's {@code error.reason} (or {@code error.code}) when it is a plain code, else {@code PROVIDER_REFUSED}. */
    private static String errorCode(final byte[] body) {
        try {
            final JsonNode root = JSON.readTree(body);
            final JsonNode error = root == null ? JSON.missingNode() : root.path("error");
            for (final String field : List.of("reason", "code")) {
                final String value = error.path(field).asString("");
                if (REASON.matcher(value).matches() && !"null".equals(value)) {
                    return value;
                }
            }
        } catch (final JacksonException e) {
            // No JSON: the generic code below.
        }
        return "PROVIDER_REFUSED";
    }

    private static ApiException badGateway(final String detail) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_ERROR", detail);
    }
}
