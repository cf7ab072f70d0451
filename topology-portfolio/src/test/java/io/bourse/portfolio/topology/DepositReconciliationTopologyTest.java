package io.bourse.portfolio.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.ledger.LedgerReason;
import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.DepositStatus;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.portfolio.core.ParkingSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Provider webhooks reconciled against deposit intents: the credited user and amount are the
 * intent's, each provider payment id credits at most once across the exchange, and whatever does not
 * reconcile credits nothing and is recorded with a reason.
 */
class DepositReconciliationTopologyTest extends PaymentTopologyFixture {

    @Test
    void shouldCreditTheIntentsUserOnceThoughTheWebhookIsRepeated() {
        x.intent(alice, "dep-a", "order_A", 250_000);
        x.captured("pay_A", "order_A", 250_000);
        x.captured("pay_A", "order_A", 250_000);
        x.report("order.paid", "pay_A", "order_A", 250_000, "INR", true);

        assertThat(x.cash(alice)).isEqualTo(250_000);
        assertThat(x.ledger).filteredOn(e -> e.getReason() == LedgerReason.DEPOSIT).hasSize(1);
        assertThat(types()).containsExactly("DEPOSIT_INTENT_CREATED null", "DEPOSIT_CONFIRMED null");
        final PaymentEvent confirmed = x.paymentEvents.get(1);
        assertThat(confirmed.getUserId()).isEqualTo(alice);
        assertThat(confirmed.getProviderPaymentId()).isEqualTo("pay_A");
        assertThat(confirmed.getIntentId()).isEqualTo("dep-a");
        assertThat(intent(alice, "dep-a").getStatus()).isEqualTo(DepositStatus.CREDITED);
    }

    @Test
    void shouldNeverCreditOnePaymentIdToTwoUsers() {
        x.intent(alice, "dep-a", "order_A", 100_000);
        x.intent(carol, "dep-c", "order_C", 100_000);
        x.captured("pay_X", "order_A", 100_000);
        x.captured("pay_X", "order_C", 100_000);

        assertThat(x.cash(alice)).isEqualTo(100_000);
        assertThat(x.cash(carol)).isZero();
        assertThat(last(carol)).isEqualTo("DEPOSIT_REJECTED PAYMENT_ID_REUSED");
        assertThat(intent(carol, "dep-c").getStatus()).isEqualTo(DepositStatus.OPEN);
    }

    @Test
    void shouldCreditNothingForAnAmountOrCurrencyThatDiffersFromTheIntent() {
        x.intent(alice, "dep-a", "order_A", 100_000);
        x.captured("pay_1", "order_A", 100_000_000);
        x.report("payment.captured", "pay_2", "order_A", 100_000, "USD", true);

        assertThat(x.cash(alice)).isZero();
        assertThat(types()).containsExactly("DEPOSIT_INTENT_CREATED null", "DEPOSIT_REJECTED AMOUNT_MISMATCH",
                "DEPOSIT_REJECTED CURRENCY_MISMATCH");
        assertThat(intent(alice, "dep-a").getLastFailure()).isEqualTo("CURRENCY_MISMATCH");

        x.captured("pay_3", "order_A", 100_000);
        assertThat(x.cash(alice)).isEqualTo(100_000);
    }

    @Test
    void shouldRefuseASecondPaymentForAnIntentAlreadyCredited() {
        x.intent(alice, "dep-a", "order_A", 100_000);
        x.captured("pay_1", "order_A", 100_000);
        x.captured("pay_2", "order_A", 100_000);

        assertThat(x.cash(alice)).isEqualTo(100_000);
        assertThat(last(alice)).isEqualTo("DEPOSIT_REJECTED INTENT_ALREADY_CREDITED");
    }

    @Test
    void shouldCreditALateCaptureAfterAFailedAttemptAndIgnoreALateFailureAfterTheCapture() {
        x.intent(alice, "dep-a", "order_A", 100_000);
        x.report("payment.failed", "pay_1", "order_A", 100_000, "INR", false);
        assertThat(x.cash(alice)).isZero();
        assertThat(last(alice)).isEqualTo("DEPOSIT_PAYMENT_FAILED PAYMENT_FAILED");

        x.captured("pay_1", "order_A", 100_000);
        x.report("payment.failed", "pay_1", "order_A", 100_000, "INR", false);

        assertThat(x.cash(alice)).isEqualTo(100_000);
        assertThat(last(alice)).isEqualTo("DEPOSIT_CONFIRMED null");
    }

    @Test
    void shouldParkAReportThatArrivesBeforeItsIntentAndCreditItOnceTheIntentIsKnown() {
        x.captured("pay_early", "order_E", 70_000);
        assertThat(x.cash(alice)).isZero();

        x.intent(alice, "dep-e", "order_E", 70_000);
        x.portfolio.advanceWallClockTime(Duration.ofMillis(ParkingSchedule.FIRST_RETRY_MS).plus(ProviderPaymentClaimProcessor.RETRY_INTERVAL));
        x.pump();

        assertThat(x.cash(alice)).isEqualTo(70_000);
        assertThat(metric("provider-reports-parked-total")).isEqualTo(1);
        assertThat(metric("provider-reports-unparked-total")).isEqualTo(1);
        assertThat(x.parked()).isEmpty();
    }

    @Test
    void shouldLookAParkedReportUpOnlyOnItsBoundedScheduleAndGiveItUpWithItsOwnTimestamps() {
        x.captured("pay_U", "order_nobody", 50_000);
        final Instant received = x.lastTick();

        // The punctuator ticks every second for eleven minutes; the lookups follow the schedule, not the ticks: the task's
        // first look, then at ages 1 s, 2 s, 4 s, ... 512 s, then the give-up at ten minutes.
        for (int second = 0; second < 660; second++) {
            x.portfolio.advanceWallClockTime(ProviderPaymentClaimProcessor.RETRY_INTERVAL);
            if (second == 3) {
                assertThat(metric("provider-reports-retried-total")).as("the first look, then at 1 s and 2 s of age").isEqualTo(3);
            }
        }
        x.pump();

        assertThat(metric("provider-reports-retried-total")).isEqualTo(1 + ParkingSchedule.MAX_RETRIES + 1);
        assertThat(metric("provider-reports-unmatched-total")).isEqualTo(1);
        assertThat(metric("provider-reports-unparked-total")).isZero();
        assertThat(x.paymentEvents).singleElement().satisfies(e -> {
            assertThat(e.getReason()).isEqualTo("UNKNOWN_PROVIDER_ORDER");
            assertThat(e.getTimestampMs()).isEqualTo(received.plus(ProviderPaymentClaimProcessor.PARK_GRACE));
        });
    }

    private double metric(final String name) {
        return x.portfolio.metrics().entrySet().stream()
                .filter(m -> m.getKey().name().equals(name)
                        && m.getKey().group().equals("stream-" + ProviderPaymentClaimProcessor.METRICS_SCOPE + "-metrics"))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
    }

    @Test
    void shouldRecordAReportForAnOrderNoIntentNamesAndCreditNobody() {
        x.captured("pay_U", "order_nobody", 1_000_000_000_000L);
        x.portfolio.advanceWallClockTime(ProviderPaymentClaimProcessor.RETRY_INTERVAL);
        x.pump();
        assertThat(x.paymentEvents).isEmpty();

        x.portfolio.advanceWallClockTime(ProviderPaymentClaimProcessor.PARK_GRACE);
        x.pump();

        assertThat(x.paymentEvents).singleElement().satisfies(e -> {
            assertThat(e.getUserId()).isEqualTo(PortfolioNames.UNMATCHED_PAYMENTS_KEY);
            assertThat(e.getReason()).isEqualTo("UNKNOWN_PROVIDER_ORDER");
            assertThat(e.getProviderOrderId()).isEqualTo("order_nobody");
        });
        assertThat(x.ledger).isEmpty();
        assertThat(x.parked()).isEmpty();
    }

    @Test
    void shouldRefuseAnIntentForAProviderOrderAnotherIntentUses() {
        x.intent(alice, "dep-a", "order_A", 100_000);
        x.intent(carol, "dep-c", "order_A", 100_000);
        x.captured("pay_1", "order_A", 100_000);

        assertThat(last(carol)).isEqualTo("DEPOSIT_REJECTED PROVIDER_ORDER_REUSED");
        assertThat(x.cash(alice)).isEqualTo(100_000);
        assertThat(x.cash(carol)).isZero();
    }

    @Test
    void shouldRefuseAnInvalidIntent() {
        x.intent(alice, "dep-a", "order_A", 0);
        x.captured("pay_1", "order_A", 0);
        x.portfolio.advanceWallClockTime(ProviderPaymentClaimProcessor.PARK_GRACE.plusSeconds(1));
        x.pump();

        assertThat(x.cash(alice)).isZero();
        assertThat(types()).containsExactly("DEPOSIT_REJECTED INVALID_REQUEST", "DEPOSIT_REJECTED UNKNOWN_PROVIDER_ORDER");
    }

    @Test
    void shouldRecordAWithdrawalRefusalWithItsReason() {
        x.deposit(alice, 10_000);
        x.payment(alice, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w1", 10_001);

        assertThat(last(alice)).isEqualTo("WITHDRAWAL_REFUSED INSUFFICIENT_FUNDS");
        assertThat(x.cash(alice)).isEqualTo(10_000);
        assertThat(x.reservedCash(alice)).isZero();
    }

    @Test
    void shouldRefuseSeedDepositsOutsideTheEmbeddedDefault() {
        x.seed(alice, "seed-deposit-alice", 1_000_000);

        assertThat(x.cash(alice)).isZero();
        assertThat(last(alice)).isEqualTo("DEPOSIT_REJECTED SEED_NOT_ALLOWED");
    }

    @Test
    void shouldCreditAnEmbeddedSeedDepositOncePerReference() {
        try (WiredExchange embedded = new WiredExchange(stateDir.resolve("embedded"), new PortfolioConfig(1, 3, true))) {
            final String demo = embedded.trader("demo@example.com");
            embedded.seed(demo, "seed-deposit-demo", 1_000_000);
            embedded.seed(demo, "seed-deposit-demo", 1_000_000);

            assertThat(embedded.cash(demo)).isEqualTo(1_000_000);
            assertThat(embedded.paymentEvents).extracting(e -> e.getType() + " " + e.getProviderPaymentId())
                    .containsExactly("DEPOSIT_CONFIRMED seed-deposit-demo");
        }
    }

    private List<String> types() {
        return x.paymentEvents.stream().map(e -> e.getType() + " " + e.getReason()).toList();
    }

    private String last(final String user) {
        final List<PaymentEvent> own = x.paymentEvents.stream().filter(e -> e.getUserId().equals(user)).toList();
        final PaymentEvent e = own.get(own.size() - 1);
        return e.getType() + " " + e.getReason();
    }

    private DepositIntent intent(final String user, final String intentId) {
        return x.portfolio.<String, DepositIntent>getKeyValueStore(PortfolioNames.DEPOSIT_INTENTS.name())
                .get(PortfolioRepository.key(user, intentId));
    }
}
