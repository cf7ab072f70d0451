package io.bourse.portfolio.core;

import java.util.Objects;

/**
 * Decides what a payout provider's report does to a withdrawal the exchange owns. The money that
 * moves is always the withdrawal's own reserve: a report only says what became of it. A report must
 * name the withdrawal's payout (once one is known) and its amount. Processed, failed and reversed are
 * final, and the first to arrive wins (as the provider documents, any report after it is ignored):
 * a replay of it changes nothing, a contradicting late report moves nothing and is recorded. A report
 * the provider's API did not confirm moves nothing whatever it names.
 */
public final class PayoutReconciliation {

    /** Where a withdrawal is; reserved while {@link #PENDING} or {@link #PROCESSING}. */
    public enum Status {
        PENDING, PROCESSING, PAID, FAILED, REVERSED;

        boolean isFinal() {
            return this == PAID || this == FAILED || this == REVERSED;
        }
    }

    /**
     * What the provider reported: the payout exists, or it ended one way; {@link #UNCONFIRMED} when its
     * webhook said so but its API, asked, did not confirm it.
     */
    public enum Outcome {
        CREATED(null), PROCESSED(Status.PAID), FAILED(Status.FAILED), REVERSED(Status.REVERSED), UNCONFIRMED(null);

        private final Status ends;

        Outcome(final Status ends) {
            this.ends = ends;
        }
    }

    /** The withdrawal as the exchange has it; {@code payoutId} is null until the payout is known. */
    public record Withdrawal(Status status, long amountPaise, String payoutId) {
    }

    /**
     * The report.
     *
     * @param payoutId the provider's payout id; null only when the provider refused to create the payout
     */
    public record Report(Outcome outcome, String payoutId, long amountPaise) {
    }

    public enum Kind {
        /** Remember the payout id; the reserve stays. */
        RECORD_PAYOUT,
        /** Debit the reserve: the money left. */
        SETTLE,
        /** Release the reserve back to available: the money did not leave, or came back. */
        RELEASE,
        /** Already known: nothing happens. */
        REPEAT,
        /** Does not reconcile: recorded with the reason, nothing moves. */
        REJECT
    }

    /** The outcome; {@code next} is the withdrawal's new status, {@code reason} is set for {@link Kind#REJECT} only. */
    public record Verdict(Kind kind, Status next, PaymentReason reason) {
        static Verdict reject(final PaymentReason reason) {
            return new Verdict(Kind.REJECT, null, reason);
        }
    }

    private PayoutReconciliation() {
    }

    /** @param withdrawal the withdrawal the report's reference names, {@code null} when the user has none by that id */
    public static Verdict decide(final Withdrawal withdrawal, final Report report) {
        if (report.outcome() == Outcome.UNCONFIRMED) {
            return Verdict.reject(PaymentReason.PAYOUT_NOT_CONFIRMED);
        }
        if (withdrawal == null) {
            return Verdict.reject(PaymentReason.UNKNOWN_WITHDRAWAL);
        }
        if (withdrawal.payoutId() != null && !withdrawal.payoutId().equals(report.payoutId())) {
            return Verdict.reject(PaymentReason.PAYOUT_ID_MISMATCH);
        }
        if (report.amountPaise() != withdrawal.amountPaise()) {
            return Verdict.reject(PaymentReason.AMOUNT_MISMATCH);
        }
        if (withdrawal.status().isFinal()) {
            final boolean same = report.outcome() == Outcome.CREATED || report.outcome().ends == withdrawal.status();
            return same ? new Verdict(Kind.REPEAT, withdrawal.status(), null)
                    : Verdict.reject(PaymentReason.PAYOUT_ALREADY_SETTLED);
        }
        return switch (report.outcome()) {
            case CREATED -> withdrawal.status() == Status.PROCESSING && Objects.equals(withdrawal.payoutId(), report.payoutId())
                    ? new Verdict(Kind.REPEAT, Status.PROCESSING, null)
                    : new Verdict(Kind.RECORD_PAYOUT, Status.PROCESSING, null);
            case PROCESSED -> new Verdict(Kind.SETTLE, Status.PAID, null);
            case FAILED, REVERSED -> new Verdict(Kind.RELEASE, report.outcome().ends, null);
            case UNCONFIRMED -> throw new IllegalStateException("decided above");
        };
    }
}
