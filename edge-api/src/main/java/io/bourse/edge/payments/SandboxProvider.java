package io.bourse.edge.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default's provider: creates Razorpay-shaped order ids in process. Payment happens
 * through the same signed webhook a real provider sends ({@link #pay}), at once or from the hosted
 * checkout page, so the deposit is reconciled exactly as a real one. Payouts likewise: it creates
 * them in process and settles them with RazorpayX's signed {@code payout.processed},
 * {@code payout.failed} or {@code payout.reversed} webhook ({@link #settle}), at once or from the
 * sandbox payout page.
 *
 * <p>It keeps no payout of its own: a payout's id derives from its withdrawal id (so creating it
 * again, after a restart say, names the same payout, as RazorpayX's idempotency key does), and
 * everything else the payout page shows comes from the withdrawal the portfolio keeps. Only the
 * wish to have a payout processed at once ({@link #processAtOnce}) lives in memory: after a restart,
 * a payout not yet processed waits on its page.
 */
public final class SandboxProvider implements PaymentProvider {

    public static final String NAME = "sandbox";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random = new SecureRandom();
    private final Set<String> atOnce = ConcurrentHashMap.newKeySet();

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
        return payoutId(payout.withdrawalId());
    }

    /** The id of the payout of {@code withdrawalId}: the same every time, on every node, before and after a restart. */
    public static String payoutId(final String withdrawalId) {
        final byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(("sandbox-payout:" + withdrawalId).getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        final StringBuilder id = new StringBuilder("pout_");
        for (int i = 0; i < 14; i++) {
            id.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
        }
        return id.toString();
    }

    /** Processes the payout of {@code withdrawalId} at once, once created, instead of leaving it to the sandbox payout page. */
    public void processAtOnce(final String withdrawalId) {
        atOnce.add(withdrawalId);
    }

    /** Whether the payout of {@code withdrawalId} is to be processed at once (asked once: the answer is forgotten). */
    public boolean takeProcessAtOnce(final String withdrawalId) {
        return atOnce.remove(withdrawalId);
    }

    /**
     * RazorpayX's signed webhook about {@code payout}, whose id is {@code payoutId} ({@code processed}, {@code failed} or
     * {@code reversed}), through the same door as a real one.
     */
    public void settle(final String payoutId, final Payout payout, final String status, final WebhookIntake webhooks,
            final String webhookSecret) {
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
