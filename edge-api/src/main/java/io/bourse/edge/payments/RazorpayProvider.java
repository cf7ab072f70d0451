package io.bourse.edge.payments;

/** Razorpay: orders through its Orders API; the customer pays on Razorpay's checkout with the key id. */
public final class RazorpayProvider implements PaymentProvider {

    public static final String NAME = "razorpay";

    private final RazorpayClient client;
    private final String keyId;

    public RazorpayProvider(final RazorpayClient client, final String keyId) {
        this.client = client;
        this.keyId = keyId;
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

    @Override
    public ProviderOrder createOrder(final String intentId, final long amountPaise, final String currency) {
        return new ProviderOrder(client.createOrder(intentId, amountPaise, currency), keyId);
    }
}
