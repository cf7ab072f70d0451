package io.bourse.edge.api;

import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.schemas.catalogue.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deposits and withdrawals through a payment provider. Deposits are credited only from a webhook
 * whose HMAC-SHA256 signature ({@code X-Razorpay-Signature}, Razorpay's scheme) verifies against the
 * webhook secret; the portfolio credits each provider payment id once. The {@code sandbox} provider
 * (the embedded default) signs and delivers that webhook itself, and pays withdrawals out at once.
 */
@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments")
public class PaymentsController {

    public static final String SIGNATURE_HEADER = "X-Razorpay-Signature";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentsController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record AmountRequest(@NotNull @Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?") String amount) {
    }

    private final CommandPublisher publisher;
    private final BourseProperties properties;
    private final Clock clock;

    public PaymentsController(final CommandPublisher publisher, final BourseProperties properties, final Clock clock) {
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/deposits")
    @Operation(summary = "Start a deposit; with the sandbox provider it is paid and confirmed at once")
    public ResponseEntity<Map<String, Object>> deposit(@Valid @RequestBody final AmountRequest request) {
        final String userId = CurrentUser.id();
        final long paise = Money.toPaise(request.amount(), "amount");
        final String intentId = "order_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        if (!"sandbox".equals(properties.payments().provider())) {
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("intentId", intentId, "provider", properties.payments().provider(),
                    "amount", Money.format(paise), "currency", "INR", "notes", Map.of("userId", userId)));
        }
        final String paymentId = "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        final byte[] body = JSON.writeValueAsBytes(Map.of("event", "payment.captured", "payload", Map.of("payment", Map.of("entity",
                Map.of("id", paymentId, "order_id", intentId, "amount", paise, "currency", "INR", "status", "captured",
                        "notes", Map.of("userId", userId))))));
        final String status = accept(body, sign(body, properties.payments().webhookSecret()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("intentId", intentId, "provider", "sandbox",
                "paymentId", paymentId, "amount", Money.format(paise), "status", status));
    }

    @PostMapping("/webhook/{provider}")
    @Operation(summary = "Provider webhook (payment.captured); refused unless its signature verifies")
    public ResponseEntity<Map<String, Object>> webhook(@PathVariable @Pattern(regexp = "razorpay|sandbox") final String provider,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) final String signature, @RequestBody final byte[] body) {
        return ResponseEntity.ok(Map.of("status", accept(body, signature)));
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Request a withdrawal; the amount is reserved until the payout succeeds or fails")
    public ResponseEntity<Map<String, Object>> withdraw(@Valid @RequestBody final AmountRequest request) {
        final String userId = CurrentUser.id();
        final long paise = Money.toPaise(request.amount(), "amount");
        final String withdrawalId = "w-" + UUID.randomUUID();
        send(userId, PaymentEventType.WITHDRAWAL_REQUESTED, null, withdrawalId, paise);
        if ("sandbox".equals(properties.payments().provider())) {
            send(userId, PaymentEventType.PAYOUT_SUCCEEDED, "pout_" + withdrawalId.substring(2, 16), withdrawalId, paise);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("withdrawalId", withdrawalId, "amount", Money.format(paise)));
    }

    /** Verifies and applies a webhook body; returns what happened. */
    String accept(final byte[] body, final String signature) {
        if (signature == null || !MessageDigest.isEqual(sign(body, properties.payments().webhookSecret()).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE", "The webhook signature does not verify");
        }
        final JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (final RuntimeException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The webhook body is not JSON");
        }
        if (!"payment.captured".equals(root.path("event").asString(""))) {
            return "IGNORED";
        }
        final JsonNode payment = root.path("payload").path("payment").path("entity");
        final String userId = payment.path("notes").path("userId").asString("");
        final long amount = payment.path("amount").asLong(0);
        if (userId.isEmpty() || amount <= 0 || !"INR".equals(payment.path("currency").asString(""))) {
            throw ApiException.badRequest("INVALID_WEBHOOK", "payment.captured needs notes.userId, a positive INR amount");
        }
        send(userId, PaymentEventType.DEPOSIT_CONFIRMED, payment.path("id").asString(), null, amount);
        LOG.info("Deposit {} of {} paise confirmed for {}", payment.path("id").asString(), amount, userId);
        return "CONFIRMED";
    }

    private void send(final String userId, final PaymentEventType type, final String providerId, final String withdrawalId,
            final long paise) {
        publisher.send(Topics.PAYMENTS_EVENTS, userId, PaymentEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setType(type).setUserId(userId).setProvider(properties.payments().provider()).setProviderPaymentId(providerId)
                .setWithdrawalId(withdrawalId).setAmountPaise(paise).setCurrency("INR").setReason(null)
                .setTimestampMs(Instant.now(clock)).build()).join();
    }

    /** Hex HMAC-SHA256 of {@code body} with {@code secret}, as Razorpay signs webhooks. */
    public static String sign(final byte[] body, final String secret) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (final java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
