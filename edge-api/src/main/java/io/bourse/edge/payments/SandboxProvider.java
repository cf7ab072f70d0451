package io.bourse.edge.payments;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The embedded default's provider: creates Razorpay-shaped order ids in process. Payment happens
 * through the same signed webhook a real provider sends ({@link #pay}), at once or from the hosted
 * checkout page, so the deposit is reconciled exactly as a real one.
 */
public final class SandboxProvider implements PaymentProvider {

    public static final String NAME = "sandbox";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random = new SecureRandom();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderOrder createOrder(final String intentId, final long amountPaise, final String currency) {
        return new ProviderOrder(id("order_"), null);
    }

    /**
     * The sandbox customer pays ({@code captured}) or fails: the provider's signed webhook for the
     * order goes through the same door as a real one. Returns the payment id.
     */
    public String pay(final String orderId, final long amountPaise, final boolean captured, final WebhookIntake webhooks,
            final String webhookSecret) {
        final String paymentId = id("pay_");
        final byte[] body = ("{\"event\":\"" + (captured ? "payment.captured" : "payment.failed")
                + "\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"" + paymentId + "\",\"entity\":\"payment\",\"order_id\":\""
                + orderId + "\",\"amount\":" + amountPaise + ",\"currency\":\"INR\",\"status\":\""
                + (captured ? "captured" : "failed") + "\"}}}}").getBytes(StandardCharsets.UTF_8);
        webhooks.accept(NAME, body, RazorpayWebhook.sign(body, webhookSecret));
        return paymentId;
    }

    /** A Razorpay-style id: prefix and 14 letters or digits. */
    public String id(final String prefix) {
        final StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 14; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
