package io.bourse.edge.payments;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default's provider: creates Razorpay-shaped order ids in process. Payment happens
 * through the same signed webhook a real provider sends ({@link #pay}), at once or from the hosted
 * checkout page, so the deposit is reconciled exactly as a real one. Payouts likewise: it creates
 * them in process (once per withdrawal, as RazorpayX's idempotency key does) and settles them with
 * RazorpayX's signed {@code payout.processed}, {@code payout.failed} or {@code payout.reversed}
 * webhook ({@link #settle}), at once or from the sandbox payout page.
 */
public final class SandboxProvider implements PaymentProvider {

    public static final String NAME = "sandbox";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Payout> payouts = new ConcurrentHashMap<>();
    private final Map<String, String> payoutIds = new ConcurrentHashMap<>();
    private final Set<String> leftToThePage = ConcurrentHashMap.newKeySet();

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

    @Override
    public String registerDestination(final String userId, final Destination destination) {
        return id("fa_");
    }

    @Override
    public String createPayout(final Payout payout) {
        final String payoutId = payoutIds.computeIfAbsent(payout.withdrawalId(), w -> id("pout_"));
        payouts.putIfAbsent(payoutId, payout);
        return payoutId;
    }

    /** Leaves the payout of {@code withdrawalId} to the sandbox payout page instead of processing it at once. */
    public void leaveToThePage(final String withdrawalId) {
        leftToThePage.add(withdrawalId);
    }

    /** Whether the payout of {@code withdrawalId} waits for the sandbox payout page. */
    public boolean leftToThePage(final String withdrawalId) {
        return leftToThePage.contains(withdrawalId);
    }

    /** The payout created for {@code withdrawalId} and its id, if there is one yet. */
    public Optional<Map.Entry<String, Payout>> payoutOf(final String withdrawalId) {
        final String payoutId = payoutIds.get(withdrawalId);
        return payoutId == null ? Optional.empty() : Optional.of(Map.entry(payoutId, payouts.get(payoutId)));
    }

    /**
     * RazorpayX's signed webhook about payout {@code payoutId} ({@code processed}, {@code failed} or
     * {@code reversed}), through the same door as a real one.
     */
    public void settle(final String payoutId, final String status, final WebhookIntake webhooks, final String webhookSecret) {
        final Payout payout = payouts.get(payoutId);
        if (payout == null) {
            throw new IllegalArgumentException("The sandbox created no payout " + payoutId);
        }
        final String details = "processed".equals(status) ? "null"
                : "{\"source\":\"beneficiary_bank\",\"reason\":\"sandbox_" + status + "\",\"description\":\"Sandbox payout " + status + "\"}";
        final byte[] body = ("{\"entity\":\"event\",\"event\":\"payout." + status + "\",\"contains\":[\"payout\"],"
                + "\"payload\":{\"payout\":{\"entity\":{\"id\":\"" + payoutId + "\",\"entity\":\"payout\",\"fund_account_id\":\""
                + payout.fundAccountId() + "\",\"amount\":" + payout.amountPaise() + ",\"currency\":\"INR\",\"status\":\"" + status
                + "\",\"mode\":\"" + payout.mode() + "\",\"reference_id\":\"" + payout.withdrawalId() + "\",\"status_details\":"
                + details + "}}}}").getBytes(StandardCharsets.UTF_8);
        webhooks.accept(NAME, body, RazorpayWebhook.sign(body, webhookSecret));
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
