package io.bourse.edge.payments;

import io.bourse.edge.api.ApiException;
import io.bourse.edge.api.Money;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Razorpay's webhook format, read strictly: the signature is HMAC-SHA256 of the raw body, hex, in
 * {@code X-Razorpay-Signature}; the fields the exchange acts on must be there with the right JSON
 * types (a payment id that is an object, a fractional or oversize amount, a missing id are refused
 * with a stable code, never coerced). Notes and every other field are ignored: whom to credit comes
 * from the deposit intent, never from the body.
 */
public final class RazorpayWebhook {

    /** Razorpay's signature header. */
    public static final String SIGNATURE_HEADER = "X-Razorpay-Signature";
    /** Larger bodies are refused before their signature is computed. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The events the exchange acts on; others are acknowledged and ignored. */
    public static final Set<String> PAYMENT_EVENTS = Set.of("payment.captured", "order.paid", "payment.failed");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern REFERENCE = Pattern.compile("[\\x20-\\x7E]{1,40}");
    private static final Pattern REASON = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The RazorpayX payout events the exchange acts on, by the payout status each must carry; others are acknowledged and ignored. */
    public static final Map<String, String> PAYOUT_EVENTS = Map.of("payout.processed", "processed", "payout.failed", "failed",
            "payout.reversed", "reversed");

    /**
     * What a payout webhook says, checked for shape and type (not yet for meaning).
     *
     * @param referenceId the payout's {@code reference_id}, the exchange's withdrawal id; null for a payout made elsewhere
     * @param reason the provider's reason code from {@code status_details}, if it gave a plain one
     */
    public record Payout(String event, String payoutId, String referenceId, long amountPaise, String reason) {
    }

    /** What a payment webhook says, checked for shape and type (not yet for meaning). */
    public record Payment(String event, String paymentId, String orderId, long amountPaise, String currency, boolean captured) {
    }

    private RazorpayWebhook() {
    }

    /** Hex HMAC-SHA256 of {@code body} with {@code secret}, as Razorpay signs webhooks. */
    public static String sign(final byte[] body, final String secret) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is {@code body}'s, compared in constant time. */
    public static boolean verifies(final byte[] body, final String signature, final String secret) {
        return signature != null && MessageDigest.isEqual(sign(body, secret).getBytes(StandardCharsets.US_ASCII),
                signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The payment a verified body reports; empty for an event the exchange does not act on.
     *
     * @throws ApiException 400 with a stable code when the body is not JSON or a field is missing or mistyped
     */
    public static Optional<Payment> parse(final byte[] body) {
        return payment(read(body));
    }

    /**
     * The payout a verified body reports; empty for an event the exchange does not act on.
     *
     * @throws ApiException 400 with a stable code when the body is not JSON or a field is missing or mistyped
     */
    public static Optional<Payout> parsePayout(final byte[] body) {
        return payout(read(body));
    }

    /**
     * A verified body as a JSON object with a string {@code event}.
     *
     * @throws ApiException 400 with a stable code otherwise
     */
    static JsonNode read(final byte[] body) {
        final JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (final JacksonException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The webhook body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("MALFORMED_JSON", "The webhook body is not a JSON object");
        }
        final JsonNode event = root.get("event");
        if (event == null || !event.isString()) {
            throw invalid("INVALID_WEBHOOK_EVENT", "event must be a string");
        }
        return root;
    }

    /** The payout event of a body {@link #read} accepted; empty for any other event. */
    static Optional<Payout> payout(final JsonNode root) {
        final String event = root.get("event").stringValue();
        final String status = PAYOUT_EVENTS.get(event);
        if (status == null) {
            return Optional.empty();
        }
        final JsonNode entity = root.path("payload").path("payout").path("entity");
        if (!entity.isObject()) {
            throw invalid("INVALID_WEBHOOK_PAYOUT", "payload.payout.entity must be an object");
        }
        final String payoutId = id(entity.get("id"), "INVALID_PAYOUT_ID", "payload.payout.entity.id");
        final JsonNode reference = entity.get("reference_id");
        final String referenceId;
        if (reference == null || reference.isNull()) {
            referenceId = null;
        } else if (reference.isString() && REFERENCE.matcher(reference.stringValue()).matches()) {
            referenceId = reference.stringValue();
        } else {
            throw invalid("INVALID_REFERENCE_ID", "payload.payout.entity.reference_id must be null or 1 to 40 printable ASCII characters");
        }
        final long amount = amount(entity.get("amount"), "payload.payout.entity.amount");
        final JsonNode currency = entity.get("currency");
        if (currency == null || !currency.isString() || !"INR".equals(currency.stringValue())) {
            throw invalid("INVALID_CURRENCY", "payload.payout.entity.currency must be INR");
        }
        final JsonNode actual = entity.get("status");
        if (actual == null || !actual.isString() || !status.equals(actual.stringValue())) {
            throw invalid("INVALID_PAYOUT_STATUS", event + " must carry a payout whose status is " + status);
        }
        final String reason = entity.path("status_details").path("reason").asString("");
        return Optional.of(new Payout(event, payoutId, referenceId, amount, REASON.matcher(reason).matches() ? reason : null));
    }

    /** The payment event of a body {@link #read} accepted; empty for any other event. */
    static Optional<Payment> payment(final JsonNode root) {
        final JsonNode event = root.get("event");
        if (!PAYMENT_EVENTS.contains(event.stringValue())) {
            return Optional.empty();
        }
        final JsonNode entity = root.path("payload").path("payment").path("entity");
        if (!entity.isObject()) {
            throw invalid("INVALID_WEBHOOK_PAYMENT", "payload.payment.entity must be an object");
        }
        final String paymentId = id(entity.get("id"), "INVALID_PAYMENT_ID", "payload.payment.entity.id");
        final String orderId = id(entity.get("order_id"), "INVALID_ORDER_ID", "payload.payment.entity.order_id");
        final long amount = amount(entity.get("amount"), "payload.payment.entity.amount");
        final JsonNode currency = entity.get("currency");
        if (currency == null || !currency.isString() || !CURRENCY.matcher(currency.stringValue()).matches()) {
            throw invalid("INVALID_CURRENCY", "payload.payment.entity.currency must be a three-letter ISO 4217 code");
        }
        final JsonNode status = entity.get("status");
        if (status == null || !status.isString()) {
            throw invalid("INVALID_PAYMENT_STATUS", "payload.payment.entity.status must be a string");
        }
        final boolean failedEvent = "payment.failed".equals(event.stringValue());
        if (!failedEvent && !"captured".equals(status.stringValue())) {
            throw invalid("INVALID_PAYMENT_STATUS", event.stringValue() + " must carry a captured payment");
        }
        final JsonNode order = root.path("payload").path("order").path("entity");
        if (order.isObject() && !orderId.equals(order.path("id").asString(""))) {
            throw invalid("INVALID_ORDER_ID", "payload.order.entity.id differs from the payment's order_id");
        }
        return Optional.of(new Payment(event.stringValue(), paymentId, orderId, amount, currency.stringValue(), !failedEvent));
    }

    private static long amount(final JsonNode amount, final String field) {
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() <= 0
                || amount.longValue() > Money.MAX_PAISE) {
            throw invalid("INVALID_AMOUNT", field + " must be a whole number of paise between 1 and " + Money.MAX_PAISE);
        }
        return amount.longValue();
    }

    private static String id(final JsonNode node, final String code, final String field) {
        if (node == null || !node.isString() || !ID.matcher(node.stringValue()).matches()) {
            throw invalid(code, field + " must be a string of 1 to 64 letters, digits or underscores");
        }
        return node.stringValue();
    }

    private static ApiException invalid(final String code, final String detail) {
        return ApiException.badRequest(code, detail);
    }
}
