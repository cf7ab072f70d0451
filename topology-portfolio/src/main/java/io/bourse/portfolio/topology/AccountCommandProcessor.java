package io.bourse.portfolio.topology;

import io.bourse.avro.accounts.AccountCommand;
import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.ApproveKycCommand;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.accounts.RegisterAccountCommand;
import io.bourse.avro.accounts.ReinstateAccountCommand;
import io.bourse.avro.accounts.RejectKycCommand;
import io.bourse.avro.accounts.SubmitKycCommand;
import io.bourse.avro.accounts.SuspendAccountCommand;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.portfolio.core.KycRules;
import io.bourse.schemas.catalogue.UserIds;
import java.time.ZoneOffset;

/**
 * {@code apply-account-commands}: registration (once per e-mail: the user id derives from it, so
 * duplicates meet on one partition), KYC submission and review, suspension. Publishes account
 * events without secrets; a refused command yields a rejection event with a reason code.
 */
final class AccountCommandProcessor extends PortfolioProcessor<AccountCommand> {

    @Override
    void handle(final String userId, final AccountCommand command, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final AccountSnapshot account = repo.account(userId);
        final Object payload = command.getPayload();
        if (payload instanceof RegisterAccountCommand register) {
            register(userId, register, account, scope);
            return;
        }
        if (account == null) {
            scope.accountEvent(rejection(userId, "", AccountEventType.COMMAND_REJECTED, ReasonCode.ACCOUNT_UNKNOWN,
                    "no account " + userId));
            return;
        }
        if (payload instanceof SubmitKycCommand kyc) {
            final KycStatus status = account.getKycStatus();
            if (status != KycStatus.NOT_SUBMITTED && status != KycStatus.REJECTED) {
                refuse(account, ReasonCode.INVALID_KYC_DETAILS, "KYC is " + status + "; nothing to submit", scope);
                return;
            }
            final String problem = KycRules.problem(kyc.getLegalName(), kyc.getDateOfBirth(), kyc.getPan(), kyc.getAddress(),
                    scope.timestamp().atZone(ZoneOffset.UTC).toLocalDate());
            if (problem != null) {
                refuse(account, ReasonCode.INVALID_KYC_DETAILS, problem, scope);
                return;
            }
            save(AccountSnapshot.newBuilder(account).setKycStatus(KycStatus.PENDING).setLegalName(kyc.getLegalName())
                    .setDateOfBirth(kyc.getDateOfBirth()).setPan(kyc.getPan()).setAddress(kyc.getAddress())
                    .setKycRejectionReason(null).build(), AccountEventType.KYC_SUBMITTED, null, null, scope);
        } else if (payload instanceof ApproveKycCommand) {
            if (account.getKycStatus() != KycStatus.PENDING) {
                refuse(account, ReasonCode.INVALID_KYC_DETAILS, "KYC is " + account.getKycStatus() + ", not PENDING", scope);
                return;
            }
            save(AccountSnapshot.newBuilder(account).setKycStatus(KycStatus.APPROVED).build(), AccountEventType.KYC_APPROVED,
                    null, null, scope);
        } else if (payload instanceof RejectKycCommand reject) {
            if (account.getKycStatus() != KycStatus.PENDING) {
                refuse(account, ReasonCode.INVALID_KYC_DETAILS, "KYC is " + account.getKycStatus() + ", not PENDING", scope);
                return;
            }
            save(AccountSnapshot.newBuilder(account).setKycStatus(KycStatus.REJECTED).setKycRejectionReason(reject.getReason())
                    .build(), AccountEventType.KYC_REJECTED, ReasonCode.KYC_REJECTED_BY_ADMIN, reject.getReason(), scope);
        } else if (payload instanceof SuspendAccountCommand suspend) {
            save(AccountSnapshot.newBuilder(account).setSuspended(true).build(), AccountEventType.SUSPENDED,
                    ReasonCode.ACCOUNT_SUSPENDED, suspend.getReason(), scope);
        } else if (payload instanceof ReinstateAccountCommand) {
            save(AccountSnapshot.newBuilder(account).setSuspended(false).build(), AccountEventType.REINSTATED, null, null, scope);
        }
    }

    private static void register(final String userId, final RegisterAccountCommand register, final AccountSnapshot existing,
            final CommandScope scope) {
        final String email = UserIds.normalizeEmail(register.getEmail());
        if (existing != null) {
            scope.accountEvent(rejection(userId, email, AccountEventType.REGISTRATION_REJECTED,
                    ReasonCode.EMAIL_ALREADY_REGISTERED, "an account with this e-mail exists"));
            return;
        }
        if (!UserIds.forEmail(email).equals(userId) || register.getPasswordHash().isBlank()) {
            scope.accountEvent(rejection(userId, email, AccountEventType.REGISTRATION_REJECTED, ReasonCode.INVALID_ORDER,
                    "user id does not belong to this e-mail, or no password hash"));
            return;
        }
        save(AccountSnapshot.newBuilder()
                .setUserId(userId)
                .setEmail(email)
                .setPasswordHash(register.getPasswordHash())
                .setDisplayName(register.getDisplayName())
                .setRole(register.getRole())
                .setKycStatus(KycStatus.NOT_SUBMITTED)
                .setSuspended(false)
                .setRegisteredAtMs(scope.timestamp())
                .build(), AccountEventType.REGISTERED, null, null, scope);
    }

    private static void save(final AccountSnapshot account, final AccountEventType type, final ReasonCode reason,
            final String message, final CommandScope scope) {
        scope.repository().saveAccount(account);
        scope.accountEvent(event(account, type).setReasonCode(reason).setReasonMessage(message));
    }

    private static void refuse(final AccountSnapshot account, final ReasonCode reason, final String message,
            final CommandScope scope) {
        scope.accountEvent(event(account, AccountEventType.COMMAND_REJECTED).setReasonCode(reason).setReasonMessage(message));
    }

    /** The public view of an account: never the password hash, the PAN only masked. */
    static AccountEvent.Builder event(final AccountSnapshot account, final AccountEventType type) {
        return AccountEvent.newBuilder()
                .setType(type)
                .setUserId(account.getUserId())
                .setEmail(account.getEmail())
                .setDisplayName(account.getDisplayName())
                .setRole(account.getRole())
                .setKycStatus(account.getKycStatus())
                .setSuspended(account.getSuspended())
                .setLegalName(account.getLegalName())
                .setPanMasked(KycRules.mask(account.getPan()))
                .setReasonCode(null)
                .setReasonMessage(null);
    }

    static AccountEvent.Builder rejection(final String userId, final String email, final AccountEventType type,
            final ReasonCode reason, final String message) {
        return AccountEvent.newBuilder()
                .setType(type)
                .setUserId(userId)
                .setEmail(email)
                .setDisplayName(null)
                .setRole(null)
                .setKycStatus(KycStatus.NOT_SUBMITTED)
                .setSuspended(false)
                .setLegalName(null)
                .setPanMasked(null)
                .setReasonCode(reason)
                .setReasonMessage(message);
    }
}
