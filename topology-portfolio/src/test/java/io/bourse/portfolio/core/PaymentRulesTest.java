package io.bourse.portfolio.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.portfolio.core.DepositReconciliation.Intent;
import io.bourse.portfolio.core.DepositReconciliation.Kind;
import io.bourse.portfolio.core.DepositReconciliation.Report;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {

    private static final Intent OPEN = new Intent(50_000, "INR", false, null);
    private static final Intent CREDITED = new Intent(50_000, "INR", true, "pay_1");

    @Test
    void shouldCreditACapturedPaymentOfTheIntentsAmountAndCurrency() {
        assertThat(DepositReconciliation.decide(OPEN, new Report("pay_1", 50_000, "INR", true)).kind()).isEqualTo(Kind.CREDIT);
    }

    @Test
    void shouldRejectWhatDiffersFromTheIntent() {
        assertThat(DepositReconciliation.decide(OPEN, new Report("pay_1", 50_001, "INR", true)).reason())
                .isEqualTo(PaymentReason.AMOUNT_MISMATCH);
        assertThat(DepositReconciliation.decide(OPEN, new Report("pay_1", 50_000, "USD", true)).reason())
                .isEqualTo(PaymentReason.CURRENCY_MISMATCH);
        assertThat(DepositReconciliation.decide(CREDITED, new Report("pay_2", 50_000, "INR", true)).reason())
                .isEqualTo(PaymentReason.INTENT_ALREADY_CREDITED);
    }

    @Test
    void shouldTreatTheCreditingPaymentReportedAgainAsARepeatWhateverItSays() {
        assertThat(DepositReconciliation.decide(CREDITED, new Report("pay_1", 50_000, "INR", true)).kind()).isEqualTo(Kind.REPEAT);
        assertThat(DepositReconciliation.decide(CREDITED, new Report("pay_1", 50_000, "INR", false)).kind()).isEqualTo(Kind.REPEAT);
    }

    @Test
    void shouldRecordAFailedAttemptWithoutClosingTheIntent() {
        assertThat(DepositReconciliation.decide(OPEN, new Report("pay_1", 50_000, "INR", false)).kind())
                .isEqualTo(Kind.FAILED_ATTEMPT);
    }

    @Test
    void shouldClaimAPaymentIdForOneOrderOnly() {
        assertThat(PaymentClaims.decide(null, "order_A", true)).isEqualTo(PaymentClaims.Kind.CLAIM);
        assertThat(PaymentClaims.decide(null, "order_A", false)).isEqualTo(PaymentClaims.Kind.PASS);
        assertThat(PaymentClaims.decide("order_A", "order_A", true)).isEqualTo(PaymentClaims.Kind.PASS);
        assertThat(PaymentClaims.decide("order_A", "order_C", true)).isEqualTo(PaymentClaims.Kind.REJECT);
        assertThat(PaymentClaims.decide("order_A", "order_C", false)).isEqualTo(PaymentClaims.Kind.REJECT);
    }

    @Test
    void shouldMoveNothingForAPayoutReportTheProvidersApiDidNotConfirm() {
        final PayoutReconciliation.Withdrawal processing = new PayoutReconciliation.Withdrawal(PayoutReconciliation.Status.PROCESSING,
                30_000, "pout_1");

        assertThat(PayoutReconciliation.decide(processing, new PayoutReconciliation.Report(PayoutReconciliation.Outcome.UNCONFIRMED,
                "pout_1", 30_000))).isEqualTo(new PayoutReconciliation.Verdict(PayoutReconciliation.Kind.REJECT, null,
                        PaymentReason.PAYOUT_NOT_CONFIRMED));
        assertThat(PayoutReconciliation.decide(null, new PayoutReconciliation.Report(PayoutReconciliation.Outcome.UNCONFIRMED,
                "pout_1", 30_000)).reason()).isEqualTo(PaymentReason.PAYOUT_NOT_CONFIRMED);
        assertThat(PayoutReconciliation.decide(processing, new PayoutReconciliation.Report(PayoutReconciliation.Outcome.PROCESSED,
                "pout_1", 30_000)).kind()).isEqualTo(PayoutReconciliation.Kind.SETTLE);
    }
}
