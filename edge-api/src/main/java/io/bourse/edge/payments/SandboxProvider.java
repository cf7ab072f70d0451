package io.bourse.edge.payments;

import java.security.SecureRandom;

/**
 * The embedded default's provider: creates Razorpay-shaped order ids in process. Payment happens
 * through the same signed webhook a real provider sends (see {@code PaymentsController}), so the
 * deposit is reconciled exactly as a real one.
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

    /** A Razorpay-style id: prefix and 14 letters or digits. */
    public String id(final String prefix) {
        final StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 14; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
