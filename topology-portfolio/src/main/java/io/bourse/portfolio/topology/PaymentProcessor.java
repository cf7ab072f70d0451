package io.bourse.portfolio.topology;

import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.DepositStatus;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.avro.payments.PayoutDestination;
import io.bourse.avro.payments.PayoutDestinationKind;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.ProcessedMarker;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.avro.portfolio.WithdrawalStatus;
import io.bourse.portfolio.core.Balances.Reference;
import io.bourse.portfolio.core.LedgerReason;
import io.bourse.portfolio.core.PaymentReason;
import io.bourse.portfolio.core.PayoutModes;
import io.bourse.portfolio.core.PayoutReconciliation;
import io.bourse.portfolio.core.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code apply-payments}: records deposit intents (and publishes each by provider order id, the
 * lookup the claim step uses) and payout destinations; reserves cash for a withdrawal to one of the
 * user's destinations, then reconciles the payout provider's reports against it
 * ({@link PayoutReconciliation}): debits the reserve when the payout is processed, releases it when
 * the payout fails or is reversed, and moves nothing for a report that does not match; credits the embedded default's seed deposits once
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
            case REGISTER_DESTINATION -> registerDestination(userId, command, scope);
            case REQUEST_WITHDRAWAL -> withdrawalRequested(userId, command, scope);
            case PAYOUT_CREATED -> payout(userId, command, PayoutReconciliation.Outcome.CREATED, scope);
            case PAYOUT_SUCCEEDED -> payout(userId, command, PayoutReconciliation.Outcome.PROCESSED, scope);
            case PAYOUT_FAILED -> payout(userId, command, PayoutReconciliation.Outcome.FAILED, scope);
            case PAYOUT_REVERSED -> payout(userId, command, PayoutReconciliation.Outcome.REVERSED, scope);
            case PAYOUT_UNCONFIRMED -> payout(userId, command, PayoutReconciliation.Outcome.UNCONFIRMED, scope);
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
        final PayoutDestination destination = command.getDestinationId() == null ? null
                : repo.payoutDestination(userId, command.getDestinationId());
        final PayoutModes.Mode mode = destination == null ? null
                : PayoutModes.of(destination.getKind() == PayoutDestinationKind.VPA, command.getAmountPaise());
        final PaymentReason refusal = account == null ? PaymentReason.ACCOUNT_UNKNOWN
                : account.getSuspended() ? PaymentReason.ACCOUNT_SUSPENDED
                : account.getKycStatus() != KycStatus.APPROVED ? PaymentReason.KYC_NOT_APPROVED
                : command.getAmountPaise() <= 0 || !INR.equals(command.getCurrency()) ? PaymentReason.INVALID_REQUEST
                : destination == null ? PaymentReason.UNKNOWN_DESTINATION
                : mode == null ? PaymentReason.AMOUNT_ABOVE_PAYOUT_LIMIT
                : !scope.balances.tryReserve(userId, Position.CASH, command.getAmountPaise(), LedgerReason.WITHDRAWAL_RESERVE,
                        Reference.payment(withdrawalId)) ? PaymentReason.INSUFFICIENT_FUNDS
                : null;
        final String accountId = refusal == null ? destination.getProviderAccountId() : null;
        final String modeName = refusal == null ? mode.name() : null;
        repo.saveWithdrawal(new WithdrawalSnapshot(withdrawalId, userId, command.getAmountPaise(),
                refusal == null ? WithdrawalStatus.PENDING : WithdrawalStatus.FAILED, scope.timestamp(), scope.timestamp(),
                refusal == null ? null : refusal.name(), command.getDestinationId(), accountId, modeName, null));
        if (refusal == null) {
            // What the payout needs travels with the event, so whoever creates it reads no store.
            scope.paymentEvent(event(command, PaymentEventType.WITHDRAWAL_REQUESTED).setProviderAccountId(accountId)
                    .setPayoutMode(modeName));
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

    private static void registerDestination(final String userId, final PaymentCommand command, final CommandScope scope) {
        final PayoutDestination destination = command.getDestination();
        if (destination == null || !userId.equals(destination.getUserId()) || destination.getKind() == PayoutDestinationKind.UNSPECIFIED) {
            LOG.warn("Ignoring destination command {} for {}: no destination, another user's, or of no kind", command.getCommandId(), userId);
            return;
        }
        final PortfolioRepository repo = scope.repository();
        final PayoutDestination known = repo.payoutDestination(userId, destination.getDestinationId());
        if (known == null) {
            repo.savePayoutDestination(PayoutDestination.newBuilder(destination).setCreatedAtMs(scope.timestamp()).build());
        }
        // Also for a repeat, so the request that registered the same details again gets its answer.
        scope.paymentEvent(event(command, PaymentEventType.DESTINATION_REGISTERED).setDestinationId(destination.getDestinationId()));
    }

    /**
     * A payout report (or the provider's answer to creating the payout) for the withdrawal its
     * reference names among the user's: only that withdrawal's own reserve moves, and only when the
     * payout id and amount match it.
     */
    private static void payout(final String userId, final PaymentCommand command, final PayoutReconciliation.Outcome outcome,
            final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final WithdrawalSnapshot withdrawal = command.getWithdrawalId() == null ? null
                : repo.withdrawal(userId, command.getWithdrawalId());
        final PayoutReconciliation.Status status = withdrawal == null ? null : status(withdrawal.getStatus());
        final PayoutReconciliation.Verdict verdict = PayoutReconciliation.decide(
                status == null ? null : new PayoutReconciliation.Withdrawal(status, withdrawal.getAmountPaise(), withdrawal.getProviderPayoutId()),
                new PayoutReconciliation.Report(outcome, command.getProviderPayoutId(), command.getAmountPaise()));
        if (verdict.kind() == PayoutReconciliation.Kind.REPEAT) {
            LOG.info("Payout report {} for withdrawal {} of {} repeats what is known", command.getCommandId(), command.getWithdrawalId(),
                    userId);
            return;
        }
        if (verdict.kind() == PayoutReconciliation.Kind.REJECT) {
            LOG.warn("Payout report {} ({}{}) for withdrawal {} of {} moves nothing: {}", command.getCommandId(), outcome,
                    outcome == PayoutReconciliation.Outcome.UNCONFIRMED ? " " + command.getReason() : "", command.getWithdrawalId(), userId,
                    verdict.reason());
            scope.paymentEvent(event(command, PaymentEventType.PAYOUT_REJECTED).setProviderPaymentId(command.getProviderPayoutId())
                    .setReason(verdict.reason().name()));
            return;
        }
        final Reference reference = Reference.payment(withdrawal.getWithdrawalId());
        final PaymentEventType type;
        switch (verdict.kind()) {
            case RECORD_PAYOUT -> type = PaymentEventType.PAYOUT_CREATED;
            case SETTLE -> {
                scope.balances.spendReserved(userId, Position.CASH, withdrawal.getAmountPaise(), LedgerReason.WITHDRAWAL_PAYOUT, reference);
                type = PaymentEventType.PAYOUT_SUCCEEDED;
            }
            case RELEASE -> {
                scope.balances.release(userId, Position.CASH, withdrawal.getAmountPaise(), LedgerReason.WITHDRAWAL_RELEASE, reference);
                type = verdict.next() == PayoutReconciliation.Status.REVERSED ? PaymentEventType.PAYOUT_REVERSED
                        : PaymentEventType.PAYOUT_FAILED;
            }
            default -> throw new IllegalStateException("Unknown verdict " + verdict);
        }
        final boolean released = verdict.kind() == PayoutReconciliation.Kind.RELEASE;
        repo.saveWithdrawal(WithdrawalSnapshot.newBuilder(withdrawal).setStatus(WithdrawalStatus.valueOf(verdict.next().name()))
                .setUpdatedAtMs(scope.timestamp()).setReason(released ? command.getReason() : null)
                .setProviderPayoutId(command.getProviderPayoutId() != null ? command.getProviderPayoutId() : withdrawal.getProviderPayoutId())
                .build());
        scope.paymentEvent(event(command, type).setAmountPaise(withdrawal.getAmountPaise()).setProviderPaymentId(command.getProviderPayoutId())
                .setDestinationId(withdrawal.getDestinationId()).setReason(released ? command.getReason() : null));
    }

    private static PayoutReconciliation.Status status(final WithdrawalStatus status) {
        return switch (status) {
            case PENDING -> PayoutReconciliation.Status.PENDING;
            case PROCESSING -> PayoutReconciliation.Status.PROCESSING;
            case PAID -> PayoutReconciliation.Status.PAID;
            case FAILED -> PayoutReconciliation.Status.FAILED;
            case REVERSED -> PayoutReconciliation.Status.REVERSED;
            default -> null;
        };
    }

    /** An event about {@code command}; its id derives from the command's, so a replay writes the same one. */
    private static PaymentEvent.Builder event(final PaymentCommand command, final PaymentEventType type) {
        return PaymentEvent.newBuilder().setEventId(command.getCommandId() + ":" + type.name()).setType(type)
                .setUserId(command.getUserId()).setProvider(command.getProvider()).setProviderPaymentId(null)
                .setWithdrawalId(command.getWithdrawalId()).setAmountPaise(command.getAmountPaise())
                .setCurrency(command.getCurrency()).setReason(null).setIntentId(command.getIntentId())
                .setProviderOrderId(command.getProviderOrderId()).setDestinationId(command.getDestinationId())
                .setProviderAccountId(null).setPayoutMode(null);
    }
}
