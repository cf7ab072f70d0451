package io.bourse.edge.api;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.SubmitKycCommand;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.Commands;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.portfolio.core.KycRules;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Your account and KYC. */
@RestController
@Tag(name = "Account and KYC")
public class AccountController {

    public record KycRequest(@NotBlank @Size(max = 200) String legalName, @NotNull LocalDate dateOfBirth,
            @NotBlank @Pattern(regexp = "[A-Z]{5}[0-9]{4}[A-Z]", message = "must look like AAAAA9999A") String pan,
            @NotBlank @Size(max = 200) String address) {
    }

    public record AccountView(String userId, String email, String displayName, String role, String kycStatus, boolean suspended,
            String legalName, String panMasked, String kycRejectionReason) {
        static AccountView of(final AccountSnapshot a) {
            return new AccountView(a.getUserId(), a.getEmail(), a.getDisplayName(), a.getRole().name(), a.getKycStatus().name(),
                    a.getSuspended(), a.getLegalName(), KycRules.mask(a.getPan()), a.getKycRejectionReason());
        }
    }

    private final Commands commands;
    private final StoreReads reads;
    private final BourseProperties properties;

    public AccountController(final Commands commands, final StoreReads reads, final BourseProperties properties) {
        this.commands = commands;
        this.reads = reads;
        this.properties = properties;
    }

    @GetMapping("/api/v1/account")
    @Operation(summary = "Your account and KYC status")
    public ResponseEntity<?> me(final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.ACCOUNTS.name(), userId, http, () -> {
            final AccountSnapshot account = reads.<AccountSnapshot>storeFor(TopologyRunner.PORTFOLIO, PortfolioNames.ACCOUNTS.name(), userId)
                    .get(userId);
            if (account == null) {
                throw ApiException.notFound("ACCOUNT_UNKNOWN", "No account yet");
            }
            return AccountView.of(account);
        });
    }

    @PostMapping("/api/v1/kyc")
    @Operation(summary = "Submit KYC details for review")
    public ResponseEntity<?> submit(@Valid @RequestBody final KycRequest request) {
        final String userId = CurrentUser.id();
        final Optional<AccountEvent> event = commands.account(userId, SubmitKycCommand.newBuilder().setLegalName(request.legalName())
                .setDateOfBirth(request.dateOfBirth()).setPan(request.pan()).setAddress(request.address()).build(),
                properties.orders().placeWait());
        return verdict(event, AccountEventType.KYC_SUBMITTED);
    }

    static ResponseEntity<?> verdict(final Optional<AccountEvent> event, final AccountEventType expected) {
        if (event.isEmpty()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "PENDING"));
        }
        final AccountEvent e = event.get();
        if (e.getType() != expected) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, String.valueOf(e.getReasonCode()), String.valueOf(e.getReasonMessage()));
        }
        return ResponseEntity.ok(Map.of("userId", e.getUserId(), "event", e.getType().name(), "kycStatus", e.getKycStatus().name()));
    }
}
