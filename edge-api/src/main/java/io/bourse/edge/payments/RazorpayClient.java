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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two calls of Razorpay's REST API the exchange makes, over HTTP basic auth with the key id and
 * secret: create an order ({@code POST /v1/orders}) and fetch a payment ({@code GET /v1/payments/{id}}).
 * Razorpay's answers are checked as strictly as its webhooks; a provider that is down or answers
 * nonsense is a 502/503 problem, never a guess.
 */
public class RazorpayClient {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,64}");
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

    /** Razorpay's JSON answer; empty for a 404. */
    private Optional<JsonNode> call(final HttpRequest.Builder request) {
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
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw badGateway("Razorpay answered " + response.statusCode());
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

    private static ApiException badGateway(final String detail) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_ERROR", detail);
    }
}
