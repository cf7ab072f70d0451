package io.bourse.portfolio.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.avro.payments.PayoutDestination;
import io.bourse.avro.payments.PayoutDestinationKind;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.avro.portfolio.WithdrawalStatus;
import io.bourse.schemas.catalogue.PortfolioNames;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Withdrawals through a payout provider: cash stays reserved, not debited, until the payout is
 * processed; a failure or reversal releases it; the first final report wins; a report that does not
 * match the withdrawal the exchange owns (another payout id, another amount, no such withdrawal)
 * moves nothing and is recorded with a reason.
 */
class PayoutLedgerTopologyTest extends PaymentTopologyFixture {

    @BeforeEach
    void fundBothTraders() {
        x.deposit(alice, 100_000);
        x.deposit(carol, 100_000);
        x.paymentEvents.clear();
        x.ledger.clear();
    }

    @Test
    void shouldKeepTheCashReservedUntilThePayoutIsProcessedThenDebitItOnce() {
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w1", 30_000);

        assertThat(x.cash(alice)).isEqualTo(70_000);
        assertThat(x.reservedCash(alice)).isEqualTo(30_000);
        final PaymentEvent requested = event(PaymentEventType.WITHDRAWAL_REQUESTED);
        assertThat(requested.getProviderAccountId()).isEqualTo("fa_" + WiredExchange.DESTINATION);
        assertThat(requested.getPayoutMode()).isEqualTo("IMPS");
        assertThat(requested.getDestinationId()).isEqualTo(WiredExchange.DESTINATION);

        report(alice, PaymentCommandType.PAYOUT_CREATED, "w1", "pout_1", 30_000);
        assertThat(withdrawal(alice, "w1").getStatus()).isEqualTo(WithdrawalStatus.PROCESSING);
        assertThat(withdrawal(alice, "w1").getProviderPayoutId()).isEqualTo("pout_1");
        assertThat(x.reservedCash(alice)).isEqualTo(30_000);

        report(alice, PaymentCommandType.PAYOUT_SUCCEEDED, "w1", "pout_1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_SUCCEEDED, "w1", "pout_1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_CREATED, "w1", "pout_1", 30_000);

        assertThat(x.cash(alice)).isEqualTo(70_000);
        assertThat(x.reservedCash(alice)).isZero();
        assertThat(withdrawal(alice, "w1").getStatus()).isEqualTo(WithdrawalStatus.PAID);
        assertThat(ledger()).containsExactly("WITHDRAWAL_RESERVE -30000/30000", "WITHDRAWAL_PAYOUT 0/-30000");
        assertThat(types()).containsExactly("WITHDRAWAL_REQUESTED null", "PAYOUT_CREATED null", "PAYOUT_SUCCEEDED null");
    }

    @Test
    void shouldReleaseTheReserveWhenThePayoutFailsOrIsReversed() {
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w1", 30_000);
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w2", 20_000);
        report(alice, PaymentCommandType.PAYOUT_CREATED, "w1", "pout_1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_CREATED, "w2", "pout_2", 20_000);

        x.payment(alice, PaymentCommand.newBuilder().setType(PaymentCommandType.PAYOUT_FAILED).setWithdrawalId("w1")
                .setProviderPayoutId("pout_1").setAmountPaise(30_000).setReason("beneficiary_bank_down"));
        x.payment(alice, PaymentCommand.newBuilder().setType(PaymentCommandType.PAYOUT_REVERSED).setWithdrawalId("w2")
                .setProviderPayoutId("pout_2").setAmountPaise(20_000).setReason("invalid_beneficiary_details"));

        assertThat(x.cash(alice)).isEqualTo(100_000);
        assertThat(x.reservedCash(alice)).isZero();
        assertThat(withdrawal(alice, "w1").getStatus()).isEqualTo(WithdrawalStatus.FAILED);
        assertThat(withdrawal(alice, "w1").getReason()).isEqualTo("beneficiary_bank_down");
        assertThat(withdrawal(alice, "w2").getStatus()).isEqualTo(WithdrawalStatus.REVERSED);
        assertThat(event(PaymentEventType.PAYOUT_REVERSED).getReason()).isEqualTo("invalid_beneficiary_details");
        assertThat(ledger()).containsExactly("WITHDRAWAL_RESERVE -30000/30000", "WITHDRAWAL_RESERVE -20000/20000",
                "WITHDRAWAL_RELEASE 30000/-30000", "WITHDRAWAL_RELEASE 20000/-20000");
    }

    @Test
    void shouldLetTheFirstFinalReportWinAndMoveNothingForALateContradictingOne() {
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w1", 30_000);
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w2", 20_000);
        report(alice, PaymentCommandType.PAYOUT_SUCCEEDED, "w1", "pout_1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_REVERSED, "w1", "pout_1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_REVERSED, "w2", "pout_2", 20_000);
        report(alice, PaymentCommandType.PAYOUT_SUCCEEDED, "w2", "pout_2", 20_000);
        report(alice, PaymentCommandType.PAYOUT_FAILED, "w2", "pout_2", 20_000);

        assertThat(x.cash(alice)).isEqualTo(70_000);
        assertThat(x.reservedCash(alice)).isZero();
        assertThat(withdrawal(alice, "w1").getStatus()).isEqualTo(WithdrawalStatus.PAID);
        assertThat(withdrawal(alice, "w2").getStatus()).isEqualTo(WithdrawalStatus.REVERSED);
        assertThat(ledger()).containsExactly("WITHDRAWAL_RESERVE -30000/30000", "WITHDRAWAL_RESERVE -20000/20000",
                "WITHDRAWAL_PAYOUT 0/-30000", "WITHDRAWAL_RELEASE 20000/-20000");
        assertThat(types()).endsWith("PAYOUT_SUCCEEDED null", "PAYOUT_REJECTED PAYOUT_ALREADY_SETTLED", "PAYOUT_REVERSED null",
                "PAYOUT_REJECTED PAYOUT_ALREADY_SETTLED", "PAYOUT_REJECTED PAYOUT_ALREADY_SETTLED");
    }

    @Test
    void shouldSettleAProcessedReportThatOvertakesThePayoutsCreationAndKeepItsPayoutId() {
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_SUCCEEDED, "w1", "pout_1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_CREATED, "w1", "pout_1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_CREATED, "w1", "pout_other", 30_000);

        assertThat(withdrawal(alice, "w1").getStatus()).isEqualTo(WithdrawalStatus.PAID);
        assertThat(withdrawal(alice, "w1").getProviderPayoutId()).isEqualTo("pout_1");
        assertThat(x.reservedCash(alice)).isZero();
        assertThat(types()).containsExactly("WITHDRAWAL_REQUESTED null", "PAYOUT_SUCCEEDED null", "PAYOUT_REJECTED PAYOUT_ID_MISMATCH");
    }

    @Test
    void shouldMoveNothingForAReportThatDoesNotMatchAWithdrawalTheExchangeOwns() {
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_CREATED, "w1", "pout_1", 30_000);

        report(alice, PaymentCommandType.PAYOUT_SUCCEEDED, "w1", "pout_1", 3_000_000);
        report(alice, PaymentCommandType.PAYOUT_FAILED, "w1", "pout_forged", 30_000);
        report(carol, PaymentCommandType.PAYOUT_FAILED, "w1", "pout_1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_SUCCEEDED, "w_nobody", "pout_9", 30_000);
        report(PortfolioNames.UNMATCHED_PAYMENTS_KEY, PaymentCommandType.PAYOUT_SUCCEEDED, "manual-payout", "pout_7", 30_000);

        assertThat(x.cash(alice)).isEqualTo(70_000);
        assertThat(x.reservedCash(alice)).isEqualTo(30_000);
        assertThat(x.cash(carol)).isEqualTo(100_000);
        assertThat(withdrawal(alice, "w1").getStatus()).isEqualTo(WithdrawalStatus.PROCESSING);
        assertThat(ledger()).containsExactly("WITHDRAWAL_RESERVE -30000/30000");
        assertThat(x.paymentEvents.subList(3, x.paymentEvents.size())).extracting(e -> e.getUserId() + " " + e.getType() + " "
                + e.getReason()).containsExactly(
                        alice + " PAYOUT_REJECTED AMOUNT_MISMATCH",
                        alice + " PAYOUT_REJECTED PAYOUT_ID_MISMATCH",
                        carol + " PAYOUT_REJECTED UNKNOWN_WITHDRAWAL",
                        alice + " PAYOUT_REJECTED UNKNOWN_WITHDRAWAL",
                        PortfolioNames.UNMATCHED_PAYMENTS_KEY + " PAYOUT_REJECTED UNKNOWN_WITHDRAWAL");
    }

    @Test
    void shouldMoveNothingForAPayoutReportTheProvidersApiDidNotConfirm() {
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w1", 30_000);
        report(alice, PaymentCommandType.PAYOUT_CREATED, "w1", "pout_1", 30_000);

        x.payment(alice, PaymentCommand.newBuilder().setType(PaymentCommandType.PAYOUT_UNCONFIRMED).setWithdrawalId("w1")
                .setProviderPayoutId("pout_1").setAmountPaise(30_000).setReason("STATUS"));

        assertThat(withdrawal(alice, "w1").getStatus()).isEqualTo(WithdrawalStatus.PROCESSING);
        assertThat(x.reservedCash(alice)).isEqualTo(30_000);
        assertThat(ledger()).containsExactly("WITHDRAWAL_RESERVE -30000/30000");
        assertThat(types()).endsWith("PAYOUT_REJECTED PAYOUT_NOT_CONFIRMED");
        assertThat(event(PaymentEventType.PAYOUT_REJECTED).getProviderPaymentId()).isEqualTo("pout_1");
    }

    @Test
    void shouldRefuseAWithdrawalToADestinationTheUserHasNotRegisteredOrAboveWhatUpiCarries() {
        x.destination(carol, "dst-carol", PayoutDestinationKind.BANK_ACCOUNT);
        x.destination(alice, "dst-upi", PayoutDestinationKind.VPA);
        x.payment(alice, PaymentCommand.newBuilder().setType(PaymentCommandType.REQUEST_WITHDRAWAL).setWithdrawalId("w1")
                .setAmountPaise(10_000).setDestinationId("dst-carol"));
        x.deposit(alice, 20_000_000);
        x.payment(alice, PaymentCommand.newBuilder().setType(PaymentCommandType.REQUEST_WITHDRAWAL).setWithdrawalId("w2")
                .setAmountPaise(10_000_001).setDestinationId("dst-upi"));
        x.payment(alice, PaymentCommand.newBuilder().setType(PaymentCommandType.REQUEST_WITHDRAWAL).setWithdrawalId("w3")
                .setAmountPaise(10_000_000).setDestinationId("dst-upi"));

        assertThat(x.paymentEvents.stream().filter(e -> e.getWithdrawalId() != null).map(e -> e.getType() + " " + e.getReason()))
                .containsExactly("WITHDRAWAL_REFUSED UNKNOWN_DESTINATION", "WITHDRAWAL_REFUSED AMOUNT_ABOVE_PAYOUT_LIMIT",
                        "WITHDRAWAL_REQUESTED null");
        assertThat(event(PaymentEventType.WITHDRAWAL_REQUESTED).getPayoutMode()).isEqualTo("UPI");
        assertThat(x.reservedCash(alice)).isEqualTo(10_000_000);
    }

    @Test
    void shouldKeepADestinationOnceAndAnswerARepeatedRegistration() {
        x.destination(alice, "dst-upi", PayoutDestinationKind.VPA);
        x.destination(alice, "dst-upi", PayoutDestinationKind.VPA);

        final KeyValueStore<String, PayoutDestination> store = x.portfolio.getKeyValueStore(PortfolioNames.PAYOUT_DESTINATIONS.name());
        assertThat(PortfolioQueries.destinations(store, alice)).singleElement().satisfies(d -> {
            assertThat(d.getVpa()).isEqualTo("test@okhdfc");
            assertThat(d.getProviderAccountId()).isEqualTo("fa_dst-upi");
        });
        assertThat(PortfolioQueries.destinations(store, carol)).isEmpty();
        assertThat(x.paymentEvents).extracting(e -> e.getType() + " " + e.getDestinationId())
                .containsExactly("DESTINATION_REGISTERED dst-upi", "DESTINATION_REGISTERED dst-upi");
    }

    private void report(final String userId, final PaymentCommandType type, final String withdrawalId, final String payoutId,
            final long amountPaise) {
        x.payment(userId, PaymentCommand.newBuilder().setType(type).setWithdrawalId(withdrawalId).setProviderPayoutId(payoutId)
                .setAmountPaise(amountPaise));
    }

    private WithdrawalSnapshot withdrawal(final String userId, final String withdrawalId) {
        final KeyValueStore<String, WithdrawalSnapshot> store = x.portfolio.getKeyValueStore(PortfolioNames.WITHDRAWALS.name());
        return store.get(PortfolioRepository.key(userId, withdrawalId));
    }

    private PaymentEvent event(final PaymentEventType type) {
        return x.paymentEvents.stream().filter(e -> e.getType() == type).reduce((a, b) -> b).orElseThrow();
    }

    private List<String> types() {
        return x.paymentEvents.stream().filter(e -> !e.getType().name().startsWith("DEPOSIT")
                && e.getType() != PaymentEventType.DESTINATION_REGISTERED).map(e -> e.getType() + " " + e.getReason()).toList();
    }

    private List<String> ledger() {
        return x.ledger.stream().filter(e -> e.getUserId().equals(alice)).map(PayoutLedgerTopologyTest::posting).toList();
    }

    private static String posting(final LedgerEntry e) {
        return e.getReason() + " " + e.getAvailableDelta() + "/" + e.getReservedDelta();
    }
}
