package io.bourse.portfolio.core;

/**
 * Stable reason codes of payments the portfolio refuses or cannot reconcile, recorded on
 * {@code payments.events} and shown to users and operators. Never renamed: clients and dashboards
 * branch on them.
 */
public enum PaymentReason {
    /** The provider order of a payment matches no deposit intent (within the grace period). */
    UNKNOWN_PROVIDER_ORDER,
    /** The payment's amount differs from the intent's. */
    AMOUNT_MISMATCH,
    /** The payment's currency differs from the intent's. */
    CURRENCY_MISMATCH,
    /** The payment id was already claimed for another provider order. */
    PAYMENT_ID_REUSED,
    /** The intent was already credited by another payment: the money must be refunded by an operator. */
    INTENT_ALREADY_CREDITED,
    /** Another intent already uses this provider order id. */
    PROVIDER_ORDER_REUSED,
    /** An intent or withdrawal with a missing or non-positive amount, an unsupported currency or no id. */
    INVALID_REQUEST,
    /** A seed deposit sent to a portfolio that is not the embedded default's. */
    SEED_NOT_ALLOWED,
    /** A withdrawal above the available cash. */
    INSUFFICIENT_FUNDS,
    /** A withdrawal from an account the portfolio does not know. */
    ACCOUNT_UNKNOWN,
    /** A withdrawal from a suspended account. */
    ACCOUNT_SUSPENDED,
    /** A withdrawal from an account whose KYC is not approved. */
    KYC_NOT_APPROVED,
    /** A withdrawal naming no payout destination of the user's. */
    UNKNOWN_DESTINATION,
    /** A withdrawal above what one payout by the destination's mode may carry (UPI). */
    AMOUNT_ABOVE_PAYOUT_LIMIT,
    /** A payout report whose reference names no withdrawal of the user's. */
    UNKNOWN_WITHDRAWAL,
    /** A payout report naming another payout id than the one the withdrawal's payout has. */
    PAYOUT_ID_MISMATCH,
    /** A payout report after the withdrawal's payout was already processed, failed or reversed (the first of those is final). */
    PAYOUT_ALREADY_SETTLED,
    /** A payout webhook the provider's own API did not confirm (another status, amount or reference, or no such payout). */
    PAYOUT_NOT_CONFIRMED
}
