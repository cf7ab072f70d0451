package io.bourse.edge.payments;

/**
 * The payment provider: creates the provider order a deposit intent is for, registers payout
 * destinations and creates payouts. Whatever it answers, money moves only when the portfolio
 * reconciles the provider's signed webhook against the exchange's own intent or withdrawal.
 */
public interface PaymentProvider {

    /** The name webhooks arrive under ({@code /api/v1/payments/webhook/<name>}). */
    String name();

    /** Creates the provider order for {@code intentId} (the order's receipt) of {@code amountPaise}. */
    ProviderOrder createOrder(String intentId, long amountPaise, String currency);

    /**
     * Registers {@code destination} of {@code userId} with the provider (RazorpayX: a contact for the
     * user and a fund account); the same details again give the same id.
     *
     * @return the provider's id of the destination, which payouts name
     */
    String registerDestination(String userId, Destination destination);

    /**
     * Creates the payout of a reserved withdrawal; repeating it with the same withdrawal creates no
     * second payout (the withdrawal id is the idempotency key).
     *
     * @return the provider's payout id
     * @throws PayoutRefused when the provider refuses this payout for good
     * @throws io.bourse.edge.api.ApiException when the provider cannot be reached or answers an error worth retrying
     */
    String createPayout(Payout payout);

    /**
     * What a client needs to pay.
     *
     * @param orderId the provider's order id, which the webhook names
     * @param keyId the public key id the provider's checkout needs, if any
     */
    record ProviderOrder(String orderId, String keyId) {
    }

    /**
     * A payout destination as the user gave it, already checked for format: a bank account
     * ({@code vpa} null) or a UPI VPA (the bank fields null).
     */
    record Destination(String holderName, String ifsc, String accountNumber, String vpa) {
        public boolean isVpa() {
            return vpa != null;
        }
    }

    /**
     * A payout to create.
     *
     * @param withdrawalId the exchange's withdrawal id: the payout's reference and idempotency key
     * @param fundAccountId the provider's id of the destination
     * @param mode IMPS, NEFT or UPI
     */
    record Payout(String withdrawalId, String fundAccountId, long amountPaise, String mode) {
    }

    /** The provider refused to create a payout and will not change its mind; {@code reason} is its code. */
    final class PayoutRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public PayoutRefused(final String reason, final String detail) {
            super(detail);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
