package io.bourse.portfolio.topology;

import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.ProcessedMarker;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.avro.portfolio.WithdrawalStatus;
import io.bourse.portfolio.core.Balances.Reference;
import io.bourse.portfolio.core.LedgerReason;
import io.bourse.portfolio.core.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code apply-payments}: credits each confirmed deposit once per provider payment id; reserves
 * cash for a withdrawal request, then debits it when the payout succeeds or releases it when the
 * payout fails.
 */
final class PaymentProcessor extends PortfolioProcessor<PaymentEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentProcessor.class);
    private static final String PAYMENT = "payment";

    @Override
    void handle(final String userId, final PaymentEvent event, final CommandScope scope) {
        switch (event.getType()) {
            case DEPOSIT_CONFIRMED -> deposit(userId, event, scope);
            case WITHDRAWAL_REQUESTED -> withdrawalRequested(userId, event, scope);
            case PAYOUT_SUCCEEDED -> payout(userId, event, true, scope);
            case PAYOUT_FAILED -> payout(userId, event, false, scope);
            default -> LOG.warn("Ignoring payment event {} of unknown type {}", event.getEventId(), event.getType());
        }
    }

    private static void deposit(final String userId, final PaymentEvent event, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final String paymentId = event.getProviderPaymentId();
        if (paymentId == null || event.getAmountPaise() <= 0 || !"INR".equals(event.getCurrency())) {
            LOG.warn("Ignoring deposit event {}: no provider payment id, non-positive amount or not INR", event.getEventId());
            return;
        }
        if (repo.processed(userId, PAYMENT, paymentId) != null) {
            LOG.info("Ignoring repeated deposit {} for {}", paymentId, userId);
            return;
        }
        // Money that arrived is credited even if the account's registration has not been processed yet:
        // topics are not ordered with each other, and the edge only takes deposits from registered users.
        if (repo.account(userId) == null) {
            LOG.warn("Deposit {} for {} arrived before the account; credited all the same", paymentId, userId);
        }
        scope.balances.credit(userId, Position.CASH, event.getAmountPaise(), 0, LedgerReason.DEPOSIT, Reference.payment(paymentId));
        repo.markProcessed(userId, new ProcessedMarker(PAYMENT, paymentId, null, true, scope.timestamp()));
    }

    private static void withdrawalRequested(final String userId, final PaymentEvent event, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final String withdrawalId = event.getWithdrawalId();
        if (withdrawalId == null || repo.withdrawal(userId, withdrawalId) != null) {
            LOG.info("Ignoring withdrawal request {} for {}: no id or already seen", withdrawalId, userId);
            return;
        }
        final AccountSnapshot account = repo.account(userId);
        final ReasonCode refusal = account == null ? ReasonCode.ACCOUNT_UNKNOWN
                : account.getSuspended() ? ReasonCode.ACCOUNT_SUSPENDED
                : account.getKycStatus() != KycStatus.APPROVED ? ReasonCode.KYC_NOT_APPROVED
                : event.getAmountPaise() <= 0 ? ReasonCode.INVALID_ORDER
                : !scope.balances.tryReserve(userId, Position.CASH, event.getAmountPaise(), LedgerReason.WITHDRAWAL_RESERVE,
                        Reference.payment(withdrawalId)) ? ReasonCode.INSUFFICIENT_FUNDS
                : null;
        repo.saveWithdrawal(new WithdrawalSnapshot(withdrawalId, userId, event.getAmountPaise(),
                refusal == null ? WithdrawalStatus.PENDING : WithdrawalStatus.FAILED, scope.timestamp()));
        if (refusal != null) {
            scope.accountEvent((account == null
                    ? AccountCommandProcessor.rejection(userId, "", AccountEventType.COMMAND_REJECTED, refusal, null)
                    : AccountCommandProcessor.event(account, AccountEventType.COMMAND_REJECTED).setReasonCode(refusal))
                    .setReasonMessage("withdrawal " + withdrawalId + " of " + event.getAmountPaise() + " paise refused"));
        }
    }

    private static void payout(final String userId, final PaymentEvent event, final boolean succeeded, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final WithdrawalSnapshot withdrawal = event.getWithdrawalId() == null ? null : repo.withdrawal(userId, event.getWithdrawalId());
        if (withdrawal == null || withdrawal.getStatus() != WithdrawalStatus.PENDING) {
            LOG.warn("Ignoring payout result {} for {}: withdrawal {} unknown or not pending", event.getEventId(), userId,
                    event.getWithdrawalId());
            return;
        }
        final Reference reference = Reference.payment(withdrawal.getWithdrawalId());
        if (succeeded) {
            scope.balances.spendReserved(userId, Position.CASH, withdrawal.getAmountPaise(), LedgerReason.WITHDRAWAL_PAYOUT, reference);
        } else {
            scope.balances.release(userId, Position.CASH, withdrawal.getAmountPaise(), LedgerReason.WITHDRAWAL_RELEASE, reference);
        }
        repo.saveWithdrawal(WithdrawalSnapshot.newBuilder(withdrawal)
                .setStatus(succeeded ? WithdrawalStatus.PAID : WithdrawalStatus.FAILED).build());
    }
}
