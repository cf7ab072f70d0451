package io.bourse.portfolio.topology;

import io.bourse.avro.payments.DepositClaim;
import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.DepositStatus;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.avro.payments.ProviderPaymentReport;
import io.bourse.portfolio.core.Balances.Reference;
import io.bourse.portfolio.core.DepositReconciliation;
import io.bourse.portfolio.core.LedgerReason;
import io.bourse.portfolio.core.PaymentReason;
import io.bourse.portfolio.core.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconcile-deposits}, keyed by user: reconciles a provider report, already matched to one of
 * the user's intents by the claim step, against that intent ({@link DepositReconciliation}) and
 * credits the intent's amount at most once. Whatever does not reconcile credits nothing and is
 * recorded on {@code payments.events} as {@code DEPOSIT_REJECTED} with its reason.
 */
final class DepositClaimProcessor extends PortfolioProcessor<DepositClaim> {

    private static final Logger LOG = LoggerFactory.getLogger(DepositClaimProcessor.class);

    @Override
    void handle(final String userId, final DepositClaim claim, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final ProviderPaymentReport report = claim.getReport();
        final DepositIntent intent = repo.depositIntent(userId, claim.getIntentId());
        if (intent == null || !intent.getProviderOrderId().equals(report.getProviderOrderId())) {
            reject(userId, claim, PaymentReason.UNKNOWN_PROVIDER_ORDER.name(), intent, scope);
            return;
        }
        if (claim.getRejection() != null) {
            reject(userId, claim, claim.getRejection(), intent, scope);
            return;
        }
        final DepositReconciliation.Verdict verdict = DepositReconciliation.decide(
                new DepositReconciliation.Intent(intent.getAmountPaise(), intent.getCurrency(),
                        intent.getStatus() == DepositStatus.CREDITED, intent.getProviderPaymentId()),
                new DepositReconciliation.Report(report.getProviderPaymentId(), report.getAmountPaise(), report.getCurrency(),
                        report.getCaptured()));
        switch (verdict.kind()) {
            case CREDIT -> {
                scope.balances.credit(userId, Position.CASH, intent.getAmountPaise(), 0, LedgerReason.DEPOSIT,
                        Reference.payment(report.getProviderPaymentId()));
                final DepositIntent credited = DepositIntent.newBuilder(intent).setStatus(DepositStatus.CREDITED)
                        .setProviderPaymentId(report.getProviderPaymentId()).setUpdatedAtMs(scope.timestamp()).build();
                repo.saveDepositIntent(credited);
                scope.publishDepositIntent(credited);
                scope.paymentEvent(event(userId, claim, PaymentEventType.DEPOSIT_CONFIRMED).setAmountPaise(intent.getAmountPaise()));
            }
            case REPEAT -> LOG.info("Payment {} already credited intent {} of {}", report.getProviderPaymentId(), intent.getIntentId(),
                    userId);
            case FAILED_ATTEMPT -> {
                repo.saveDepositIntent(DepositIntent.newBuilder(intent).setLastFailure("PAYMENT_FAILED")
                        .setUpdatedAtMs(scope.timestamp()).build());
                scope.paymentEvent(event(userId, claim, PaymentEventType.DEPOSIT_PAYMENT_FAILED).setReason("PAYMENT_FAILED"));
            }
            case REJECT -> reject(userId, claim, verdict.reason().name(), intent, scope);
            default -> throw new IllegalStateException("Unknown verdict " + verdict);
        }
    }

    private static void reject(final String userId, final DepositClaim claim, final String reason, final DepositIntent intent,
            final CommandScope scope) {
        LOG.warn("Provider payment {} for order {} credits nothing: {}", claim.getReport().getProviderPaymentId(),
                claim.getReport().getProviderOrderId(), reason);
        if (intent != null && intent.getStatus() == DepositStatus.OPEN) {
            scope.repository().saveDepositIntent(DepositIntent.newBuilder(intent).setLastFailure(reason)
                    .setUpdatedAtMs(scope.timestamp()).build());
        }
        scope.paymentEvent(event(userId, claim, PaymentEventType.DEPOSIT_REJECTED).setReason(reason));
    }

    private static PaymentEvent.Builder event(final String userId, final DepositClaim claim, final PaymentEventType type) {
        final ProviderPaymentReport report = claim.getReport();
        return PaymentEvent.newBuilder().setEventId(report.getReportId() + ":" + type.name()).setType(type).setUserId(userId)
                .setProvider(report.getProvider()).setProviderPaymentId(report.getProviderPaymentId()).setWithdrawalId(null)
                .setAmountPaise(report.getAmountPaise()).setCurrency(report.getCurrency()).setReason(null)
                .setIntentId(claim.getIntentId()).setProviderOrderId(report.getProviderOrderId());
    }
}
