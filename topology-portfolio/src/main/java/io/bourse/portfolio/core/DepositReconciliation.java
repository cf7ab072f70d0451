package io.bourse.portfolio.core;

import java.util.Objects;

/**
 * Decides what a provider's report about a payment does to a deposit intent. The credited user and
 * amount are always the intent's: a report only confirms them. An intent is credited once; the same
 * payment reported again (a webhook retry, {@code order.paid} after {@code payment.captured}, a late
 * {@code payment.failed}) changes nothing; a failed attempt leaves the intent open, so a later capture
 * of the same or another payment still credits it.
 */
public final class DepositReconciliation {

    /** What the intent expects and whether it was credited, and by which payment. */
    public record Intent(long amountPaise, String currency, boolean credited, String creditedPaymentId) {
    }

    /** What the provider reported. */
    public record Report(String paymentId, long amountPaise, String currency, boolean captured) {
    }

    /** The outcome; {@code reason} is set for {@link Kind#REJECT} only. */
    public record Verdict(Kind kind, PaymentReason reason) {
        static final Verdict CREDIT = new Verdict(Kind.CREDIT, null);
        static final Verdict REPEAT = new Verdict(Kind.REPEAT, null);
        static final Verdict FAILED_ATTEMPT = new Verdict(Kind.FAILED_ATTEMPT, null);

        static Verdict reject(final PaymentReason reason) {
            return new Verdict(Kind.REJECT, reason);
        }
    }

    public enum Kind {
        /** Credit the intent's amount to the intent's user and mark the intent credited by this payment. */
        CREDIT,
        /** Already credited by this very payment: nothing happens. */
        REPEAT,
        /** A failed payment attempt on the intent: recorded, nothing credited, the intent stays open. */
        FAILED_ATTEMPT,
        /** Does not reconcile: recorded with the reason, nothing credited. */
        REJECT
    }

    private DepositReconciliation() {
    }

    public static Verdict decide(final Intent intent, final Report report) {
        if (intent.credited() && Objects.equals(intent.creditedPaymentId(), report.paymentId())) {
            return Verdict.REPEAT;
        }
        if (!report.captured()) {
            return Verdict.FAILED_ATTEMPT;
        }
        if (intent.credited()) {
            return Verdict.reject(PaymentReason.INTENT_ALREADY_CREDITED);
        }
        if (!intent.currency().equals(report.currency())) {
            return Verdict.reject(PaymentReason.CURRENCY_MISMATCH);
        }
        if (intent.amountPaise() != report.amountPaise()) {
            return Verdict.reject(PaymentReason.AMOUNT_MISMATCH);
        }
        return Verdict.CREDIT;
    }
}
