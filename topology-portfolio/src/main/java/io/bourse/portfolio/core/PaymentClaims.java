package io.bourse.portfolio.core;

import java.util.Objects;

/**
 * The exchange-wide rule that one provider payment id belongs to one provider order: the first
 * captured report claims the payment id for its order; a report of the same payment id for any other
 * order is refused, whoever's intent that order is. Failed reports claim nothing.
 */
public final class PaymentClaims {

    public enum Kind {
        /** First captured report of this payment id: remember its order, pass it on. */
        CLAIM,
        /** Pass it on for the intent's owner to reconcile (a repeat, or a failed attempt). */
        PASS,
        /** The payment id is claimed for another order. */
        REJECT
    }

    private PaymentClaims() {
    }

    /**
     * @param claimedOrderId the order the payment id was claimed for, {@code null} if none yet
     * @param reportedOrderId the order the report names
     * @param captured whether the report says the money was captured
     */
    public static Kind decide(final String claimedOrderId, final String reportedOrderId, final boolean captured) {
        if (claimedOrderId == null) {
            return captured ? Kind.CLAIM : Kind.PASS;
        }
        return Objects.equals(claimedOrderId, reportedOrderId) ? Kind.PASS : Kind.REJECT;
    }
}
