package io.bourse.edge.payments;

/** Where deposits are paid: creates the provider order a deposit intent is for. */
public interface PaymentProvider {

    /** The name webhooks arrive under ({@code /api/v1/payments/webhook/<name>}). */
    String name();

    /** Creates the provider order for {@code intentId} (the order's receipt) of {@code amountPaise}. */
    ProviderOrder createOrder(String intentId, long amountPaise, String currency);

    /**
     * What a client needs to pay.
     *
     * @param orderId the provider's order id, which the webhook names
     * @param keyId the public key id the provider's checkout needs, if any
     */
    record ProviderOrder(String orderId, String keyId) {
    }
}
