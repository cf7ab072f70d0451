package io.bourse.edge.payments;

/**
 * Razorpay: orders through its Orders API (the customer pays on Razorpay's checkout with the key
 * id); payouts through RazorpayX from the business account {@code payoutAccountNumber}, to fund
 * accounts of a contact per user.
 */
public final class RazorpayProvider implements PaymentProvider {

    public static final String NAME = "razorpay";

    private final RazorpayClient client;
    private final String keyId;
    private final String payoutAccountNumber;

    /** @param payoutAccountNumber the RazorpayX business account payouts are made from; null when payouts are not set up */
    public RazorpayProvider(final RazorpayClient client, final String keyId, final String payoutAccountNumber) {
        this.client = client;
        this.keyId = keyId;
        this.payoutAccountNumber = payoutAccountNumber;
    }

    /** The public key id Razorpay Checkout opens with. */
    public String keyId() {
        return keyId;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Confirms a webhook's captured payment with Razorpay's Payments API, as Razorpay recommends. */
    public WebhookIntake.PaymentConfirmation confirmation() {
        return payment -> client.payment(payment.paymentId()).filter(p -> "captured".equals(p.status())
                && payment.orderId().equals(p.orderId()) && payment.amountPaise() == p.amountPaise()
                && payment.currency().equals(p.currency())).isPresent();
    }

    /** Fetches a webhook's payout from RazorpayX, whose answer alone is trusted, as the deposit side does with payments. */
    public WebhookIntake.PayoutConfirmation payoutConfirmation() {
        return client::payout;
    }

    @Override
    public ProviderOrder createOrder(final String intentId, final long amountPaise, final String currency) {
        return new ProviderOrder(client.createOrder(intentId, amountPaise, currency), keyId);
    }

    @Override
    public String registerDestination(final String userId, final Destination destination) {
        final String name = destination.isVpa() ? "Bourse user " + userId.substring(Math.max(0, userId.length() - 12)) : destination.holderName();
        return client.createFundAccount(client.createContact(name, userId), destination);
    }

    @Override
    public String createPayout(final Payout payout) {
        if (payoutAccountNumber == null || payoutAccountNumber.isBlank()) {
            throw new PayoutRefused("PAYOUTS_NOT_CONFIGURED", "bourse.payments.razorpay.payout-account-number is not set");
        }
        return client.createPayout(payoutAccountNumber, payout);
    }
}
