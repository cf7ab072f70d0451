package io.bourse.portfolio.topology;

import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.DepositStatus;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.ProcessedMarker;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.avro.portfolio.WithdrawalStatus;
import io.bourse.portfolio.core.Balances.Reference;
import io.bourse.portfolio.core.LedgerReason;
import io.bourse.portfolio.core.PaymentReason;
import io.bourse.portfolio.core.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code apply-payments}: records deposit intents (and publishes each by provider order id, the
 * lookup the claim step uses); reserves cash for a withdrawal request, then debits it when the payout
 * succeeds or releases it when the payout fails; credits the embedded default's seed deposits once
 * per reference (and refuses them where {@link PortfolioConfig#acceptSeedDeposits()} is off). Every
 * outcome, refusals with their reason, goes to {@code payments.events}. Provider webhooks never
 * arrive here: they are reconciled by {@link DepositClaimProcessor}.
 */
final class PaymentProcessor extends PortfolioProcessor<PaymentCommand> {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentProcessor.class);
    private static final String SEED = "seed-payment";
    static final String INR = "INR";

    private final PortfolioConfig config;

    PaymentProcessor(final PortfolioConfig config) {
        this.config = config;
    }

    @Override
    void handle(final String userId, final PaymentCommand command, final CommandScope scope) {
        switch (command.getType()) {
            case CREATE_DEPOSIT_INTENT -> createIntent(userId, command, scope);
            case REQUEST_WITHDRAWAL -> withdrawalRequested(userId, command, scope);
            case PAYOUT_SUCCEEDED -> payout(userId, command, true, scope);
            case PAYOUT_FAILED -> payout(userId, command, false, scope);
            case SEED_DEPOSIT -> seed(userId, command, scope);
            default -> LOG.warn("Ignoring payment command {} of unknown type {}", command.getCommandId(), command.getType());
        }
    }

    private static void createIntent(final String userId, final PaymentCommand command, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final String intentId = command.getIntentId();
        final String orderId = command.getProviderOrderId();
        if (intentId == null || orderId == null || command.getAmountPaise() <= 0 || !INR.equals(command.getCurrency())) {
            scope.paymentEvent(event(command, PaymentEventType.DEPOSIT_REJECTED).setReason(PaymentReason.INVALID_REQUEST.name()));
            return;
        }
        if (repo.depositIntent(userId, intentId) != null) {
            LOG.info("Ignoring repeated deposit intent {} for {}", intentId, userId);
            return;
        }
        final DepositIntent other = repo.depositIntentByOrder(orderId);
        if (other != null && !other.getIntentId().equals(intentId)) {
            scope.paymentEvent(event(command, PaymentEventType.DEPOSIT_REJECTED).setReason(PaymentReason.PROVIDER_ORDER_REUSED.name()));
            return;
        }
        final DepositIntent intent = DepositIntent.newBuilder().setIntentId(intentId).setUserId(userId)
                .setProvider(command.getProvider()).setProviderOrderId(orderId).setAmountPaise(command.getAmountPaise())
                .setCurrency(command.getCurrency()).setStatus(DepositStatus.OPEN).setProviderPaymentId(null).setLastFailure(null)
                .setCreatedAtMs(scope.timestamp()).setUpdatedAtMs(scope.timestamp()).build();
        repo.saveDepositIntent(intent);
        scope.publishDepositIntent(intent);
        scope.paymentEvent(event(command, PaymentEventType.DEPOSIT_INTENT_CREATED));
    }

    private void seed(final String userId, final PaymentCommand command, final CommandScope scope) {
        if (!config.acceptSeedDeposits()) {
            LOG.warn("Refusing seed deposit {} for {}: this portfolio takes none", command.getCommandId(), userId);
            scope.paymentEvent(event(command, PaymentEventType.DEPOSIT_REJECTED).setReason(PaymentReason.SEED_NOT_ALLOWED.name()));
            return;
        }
        final PortfolioRepository repo = scope.repository();
        final String reference = command.getIntentId();
        if (reference == null || command.getAmountPaise() <= 0 || !INR.equals(command.getCurrency())) {
            LOG.warn("Ignoring seed deposit {}: no reference, non-positive amount or not INR", command.getCommandId());
            return;
        }
        if (repo.processed(userId, SEED, reference) != null) {
            LOG.info("Ignoring repeated seed deposit {} for {}", reference, userId);
            return;
        }
        scope.balances.credit(userId, Position.CASH, command.getAmountPaise(), 0, LedgerReason.DEPOSIT, Reference.payment(reference));
        repo.markProcessed(userId, new ProcessedMarker(SEED, reference, null, true, scope.timestamp()));
        scope.paymentEvent(event(command, PaymentEventType.DEPOSIT_CONFIRMED).setProviderPaymentId(reference).setIntentId(null));
    }

    private static void withdrawalRequested(final String userId, final PaymentCommand command, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final String withdrawalId = command.getWithdrawalId();
        if (withdrawalId == null || repo.withdrawal(userId, withdrawalId) != null) {
            LOG.info("Ignoring withdrawal request {} for {}: no id or already seen", withdrawalId, userId);
            return;
        }
        final AccountSnapshot account = repo.account(userId);
        final PaymentReason refusal = account == null ? PaymentReason.ACCOUNT_UNKNOWN
                : account.getSuspended() ? PaymentReason.ACCOUNT_SUSPENDED
                : account.getKycStatus() != KycStatus.APPROVED ? PaymentReason.KYC_NOT_APPROVED
                : command.getAmountPaise() <= 0 || !INR.equals(command.getCurrency()) ? PaymentReason.INVALID_REQUEST
                : !scope.balances.tryReserve(userId, Position.CASH, command.getAmountPaise(), LedgerReason.WITHDRAWAL_RESERVE,
                        Reference.payment(withdrawalId)) ? PaymentReason.INSUFFICIENT_FUNDS
                : null;
        repo.saveWithdrawal(new WithdrawalSnapshot(withdrawalId, userId, command.getAmountPaise(),
                refusal == null ? WithdrawalStatus.PENDING : WithdrawalStatus.FAILED, scope.timestamp(), scope.timestamp(),
                refusal == null ? null : refusal.name()));
        if (refusal == null) {
            scope.paymentEvent(event(command, PaymentEventType.WITHDRAWAL_REQUESTED));
            return;
        }
        scope.paymentEvent(event(command, PaymentEventType.WITHDRAWAL_REFUSED).setReason(refusal.name()));
        // Kept for clients that follow the account channel for refusals.
        final ReasonCode code = switch (refusal) {
            case ACCOUNT_UNKNOWN -> ReasonCode.ACCOUNT_UNKNOWN;
            case ACCOUNT_SUSPENDED -> ReasonCode.ACCOUNT_SUSPENDED;
            case KYC_NOT_APPROVED -> ReasonCode.KYC_NOT_APPROVED;
            case INSUFFICIENT_FUNDS -> ReasonCode.INSUFFICIENT_FUNDS;
            default -> ReasonCode.INVALID_ORDER;
        };
        scope.accountEvent((account == null
                ? AccountCommandProcessor.rejection(userId, "", AccountEventType.COMMAND_REJECTED, code, null)
                : AccountCommandProcessor.event(account, AccountEventType.COMMAND_REJECTED).setReasonCode(code))
                .setReasonMessage("withdrawal " + withdrawalId + " of " + command.getAmountPaise() + " paise refused"));
    }

    private static void payout(final String userId, final PaymentCommand command, final boolean succeeded, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final WithdrawalSnapshot withdrawal = command.getWithdrawalId() == null ? null
                : repo.withdrawal(userId, command.getWithdrawalId());
        if (withdrawal == null || withdrawal.getStatus() != WithdrawalStatus.PENDING) {
            LOG.warn("Ignoring payout result {} for {}: withdrawal {} unknown or not pending", command.getCommandId(), userId,
                    command.getWithdrawalId());
            return;
        }
        final Reference reference = Reference.payment(withdrawal.getWithdrawalId());
        if (succeeded) {
            scope.balances.spendReserved(userId, Position.CASH, withdrawal.getAmountPaise(), LedgerReason.WITHDRAWAL_PAYOUT, reference);
        } else {
            scope.balances.release(userId, Position.CASH, withdrawal.getAmountPaise(), LedgerReason.WITHDRAWAL_RELEASE, reference);
        }
        repo.saveWithdrawal(WithdrawalSnapshot.newBuilder(withdrawal)
                .setStatus(succeeded ? WithdrawalStatus.PAID : WithdrawalStatus.FAILED).setUpdatedAtMs(scope.timestamp())
                .setReason(succeeded ? null : command.getReason()).build());
        scope.paymentEvent(event(command, succeeded ? PaymentEventType.PAYOUT_SUCCEEDED : PaymentEventType.PAYOUT_FAILED)
                .setAmountPaise(withdrawal.getAmountPaise()).setProviderPaymentId(command.getProviderPayoutId())
                .setReason(command.getReason()));
    }

    /** An event about {@code command}; its id derives from the command's, so a replay writes the same one. */
    private static PaymentEvent.Builder event(final PaymentCommand command, final PaymentEventType type) {
        return PaymentEvent.newBuilder().setEventId(command.getCommandId() + ":" + type.name()).setType(type)
                .setUserId(command.getUserId()).setProvider(command.getProvider()).setProviderPaymentId(null)
                .setWithdrawalId(command.getWithdrawalId()).setAmountPaise(command.getAmountPaise())
                .setCurrency(command.getCurrency()).setReason(null).setIntentId(command.getIntentId())
                .setProviderOrderId(command.getProviderOrderId());
    }
}
