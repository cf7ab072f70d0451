package io.bourse.edge.api;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.AccountRole;
import io.bourse.avro.accounts.RegisterAccountCommand;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.Commands;
import io.bourse.edge.infra.Outcomes;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.edge.security.LoginThrottle;
import io.bourse.edge.security.PasswordPolicy;
import io.bourse.edge.security.TokenService;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.catalogue.UserIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login, token refresh and logout. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Auth")
public class AuthController {

    public record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 8, max = 128) String password,
            @NotBlank @Size(max = 60) String displayName) {
    }

    public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 4096) String refreshToken) {
    }

    public record TokenResponse(String userId, String role, String accessToken, String refreshToken, String tokenType,
            long expiresIn) {
    }

    private final CommandPublisher publisher;
    private final Outcomes outcomes;
    private final StoreReads reads;
    private final TokenService tokens;
    private final PasswordEncoder passwords;
    private final BourseProperties properties;
    private final Clock clock;
    private final LoginThrottle throttle;
    /** A hash of a random password, made like every account's, to spend the same work on an unknown e-mail. */
    private final String absentAccountHash;

    public AuthController(final CommandPublisher publisher, final Outcomes outcomes, final StoreReads reads,
            final TokenService tokens, final PasswordEncoder passwords, final BourseProperties properties, final Clock clock,
            final LoginThrottle throttle) {
        this.throttle = throttle;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.reads = reads;
        this.tokens = tokens;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.absentAccountHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * Whether {@code password} matches {@code storedHash}; with no account ({@code storedHash} null)
     * the same hashing work is done against {@code absentAccountHash} and the answer is no. An unknown
     * e-mail must take as long as a wrong password, or the answer's timing tells which addresses have
     * accounts.
     */
    static boolean passwordMatches(final PasswordEncoder passwords, final String storedHash, final String password,
            final String absentAccountHash) {
        final boolean matches = passwords.matches(password, storedHash == null ? absentAccountHash : storedHash);
        return storedHash != null && matches;
    }

    @PostMapping("/register")
    @Operation(summary = "Register a trader account; an e-mail address registers once")
    public ResponseEntity<Map<String, Object>> register(@Valid @RequestBody final RegisterRequest request) {
        final String email = UserIds.normalizeEmail(request.email());
        PasswordPolicy.check(request.password(), email);
        final String userId = UserIds.forEmail(email);
        final CompletableFuture<AccountEvent> verdict = outcomes.expectAccount(userId);
        publisher.send(Topics.ACCOUNTS_COMMANDS, userId, Commands.accountCommand(userId, RegisterAccountCommand.newBuilder()
                .setEmail(email).setPasswordHash(passwords.encode(request.password())).setDisplayName(request.displayName())
                .setRole(AccountRole.TRADER).build(), Instant.now(clock))).join();
        final Optional<AccountEvent> event = outcomes.await(verdict, properties.orders().placeWait());
        if (event.isEmpty()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("userId", userId, "status", "PENDING"));
        }
        if (event.get().getType() != AccountEventType.REGISTERED) {
            throw ApiException.conflict(String.valueOf(event.get().getReasonCode()), String.valueOf(event.get().getReasonMessage()));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("userId", userId, "email", email, "kycStatus", "NOT_SUBMITTED"));
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange e-mail and password for an access and a refresh token")
    public ResponseEntity<?> login(@Valid @RequestBody final LoginRequest request, final HttpServletRequest http) {
        final String userId = UserIds.forEmail(request.email());
        final String address = http.getRemoteAddr();
        throttle.checkAddress(address);
        final ResponseEntity<?> answer;
        try {
            answer = reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.ACCOUNTS.name(), userId, http, request, () -> {
                // Here, on the node owning the account, so an account's failures count wherever its logins arrive.
                throttle.checkAccount(userId);
                return verify(userId, request.password());
            });
        } catch (final ApiException e) {
            if (e.status() == HttpStatus.UNAUTHORIZED) {
                throttle.addressFailed(address);
            }
            throw e;
        }
        if (answer.getStatusCode() == HttpStatus.UNAUTHORIZED) {
            throttle.addressFailed(address);
        }
        return answer;
    }

    private TokenResponse verify(final String userId, final String password) {
        final AccountSnapshot account = reads.<AccountSnapshot>store(TopologyRunner.PORTFOLIO, PortfolioNames.ACCOUNTS.name()).get(userId);
        if (!passwordMatches(passwords, account == null ? null : account.getPasswordHash(), password, absentAccountHash)) {
            throttle.accountFailed(userId);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "Unknown e-mail or wrong password");
        }
        throttle.accountSucceeded(userId);
        if (account.getSuspended()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_SUSPENDED", "This account is suspended");
        }
        return response(userId, account.getRole().name());
    }

    @PostMapping("/refresh")
    @Operation(summary = "Trade a refresh token for a new token pair; the old one is revoked on every node")
    public TokenResponse refresh(@Valid @RequestBody final RefreshRequest request) {
        final Jwt jwt;
        try {
            jwt = tokens.redeemRefresh(request.refreshToken());
        } catch (final JwtException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN", "The refresh token is invalid, expired or revoked");
        }
        final String role = jwt.getClaimAsStringList(TokenService.ROLES).get(0);
        final TokenService.Tokens issued = tokens.refreshed(jwt, role, Instant.now(clock));
        return new TokenResponse(jwt.getSubject(), role, issued.accessToken(), issued.refreshToken(), "Bearer",
                issued.expiresInSeconds());
    }

    @PostMapping("/logout")
    @Operation(summary = "End the session on every node: its refresh token and its access tokens")
    public ResponseEntity<Void> logout(@Valid @RequestBody final RefreshRequest request) {
        tokens.revoke(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    private TokenResponse response(final String userId, final String role) {
        final TokenService.Tokens issued = tokens.issue(userId, role, Instant.now(clock));
        return new TokenResponse(userId, role, issued.accessToken(), issued.refreshToken(), "Bearer", issued.expiresInSeconds());
    }
}
