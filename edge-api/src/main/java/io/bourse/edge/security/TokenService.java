package io.bourse.edge.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.api.ApiException;
import io.bourse.schemas.catalogue.Topics;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the node's tokens: short-lived access tokens (HS256, subject = user id, claim
 * {@code roles}) and longer refresh tokens (claim {@code typ=refresh}). A refresh token works once:
 * redeeming it or logging out with it revokes it on every node ({@link RevocationLog}). Both carry
 * the session they belong to (claim {@code sid}: one per login, kept across refreshes); logging out
 * ends the session, so its access tokens are refused at once on every node rather than when they
 * expire. In a cluster, give every node the same {@code bourse.security.jwt-secret}.
 */
@Component
public class TokenService {

    public static final String ROLES = "roles";
    private static final String TYPE = "typ";
    private static final String REFRESH = "refresh";
    private static final String SESSION = "sid";
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    /** Tokens remembered as verified at most (about 2 KB each); past that the expired are dropped, or else all. */
    private static final int MAX_VERIFIED = 10_000;

    private final BourseProperties.Security settings;
    private final NimbusJwtEncoder encoder;
    private final JwtDecoder decoder;
    private final RevocationLog revocations;
    /**
     * Access tokens verified lately, by their text: a client sends the same token with every request
     * until it expires, and checking its signature and parsing its claims again is most of the cost of
     * authenticating a request. Only what the token itself says is kept; whether its session ended is
     * asked on every request.
     */
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    /** An issued pair. */
    public record Tokens(String accessToken, String refreshToken, long expiresInSeconds) {
    }

    public TokenService(final BourseProperties properties, final RevocationLog revocations) {
        this.settings = properties.security();
        this.revocations = revocations;
        final Duration kept = Duration.ofMillis(Topics.AUTH_REVOCATIONS.retentionMs());
        if (settings.refreshTokenTtl().compareTo(kept) > 0) {
            throw new IllegalStateException("bourse.security.refresh-token-ttl must not exceed " + kept.toDays()
                    + " days, how long " + Topics.AUTH_REVOCATIONS.name() + " keeps revocations");
        }
        final SecretKey key = new SecretKeySpec(secret(settings.jwtSecret()), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    }

    private static byte[] secret(final String configured) {
        if (configured == null || configured.isBlank()) {
            LOG.warn("bourse.security.jwt-secret is not set: using a random key, so tokens die with this node");
            final byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        final byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("bourse.security.jwt-secret must be at least 32 bytes");
        }
        return bytes;
    }

    public JwtDecoder decoder() {
        return token -> {
            final Jwt jwt = verifiedAccessToken(token);
            final String session = jwt.getClaimAsString(SESSION);
            if (session != null && sessionEnded(session)) {
                throw new BadJwtException("the session ended");
            }
            return jwt;
        };
    }

    /** The claims of a valid access token, from {@link #verified} while it has not expired. */
    private Jwt verifiedAccessToken(final String token) {
        final Instant now = Instant.now();
        final Jwt known = verified.get(token);
        if (known != null && unexpired(known, now)) {
            return known;
        }
        final Jwt jwt = decoder.decode(token);
        if (REFRESH.equals(jwt.getClaimAsString(TYPE))) {
            // A BadJwtException is an invalid token (401); any other JwtException would be a server error (500).
            throw new BadJwtException("a refresh token is not an access token");
        }
        if (verified.size() >= MAX_VERIFIED) {
            verified.values().removeIf(remembered -> !unexpired(remembered, now));
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
        return jwt;
    }

    private static boolean unexpired(final Jwt jwt, final Instant now) {
        return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt());
    }

    /** Whether {@code session} was logged out; not knowing yet (a node still reading the log at start) counts as ended. */
    private boolean sessionEnded(final String session) {
        try {
            return revocations.isRevoked(session);
        } catch (final ApiException notCaughtUp) {
            return true;
        }
    }

    /** A new session's tokens (a login). */
    public Tokens issue(final String userId, final String role, final Instant now) {
        return issue(userId, role, now, "s-" + UUID.randomUUID());
    }

    /** Tokens that continue the session of a redeemed refresh token. */
    public Tokens refreshed(final Jwt redeemed, final String role, final Instant now) {
        final String session = redeemed.getClaimAsString(SESSION);
        return issue(redeemed.getSubject(), role, now, session == null ? "s-" + UUID.randomUUID() : session);
    }

    private Tokens issue(final String userId, final String role, final Instant now, final String session) {
        final String access = encode(JwtClaimsSet.builder().subject(userId).issuedAt(now)
                .expiresAt(now.plus(settings.accessTokenTtl())).claim(ROLES, List.of(role)).claim(SESSION, session)
                .id(UUID.randomUUID().toString()).build());
        final String refresh = encode(JwtClaimsSet.builder().subject(userId).issuedAt(now)
                .expiresAt(now.plus(settings.refreshTokenTtl())).claim(ROLES, List.of(role)).claim(TYPE, REFRESH)
                .claim(SESSION, session).id(UUID.randomUUID().toString()).build());
        return new Tokens(access, refresh, settings.accessTokenTtl().toSeconds());
    }

    /**
     * Uses up a refresh token: its claims if it is valid and was not used or revoked before; it is
     * revoked from now on. Of two requests redeeming the same token, only one gets its claims.
     */
    public Jwt redeemRefresh(final String token) {
        final Jwt jwt = decoder.decode(token);
        if (!REFRESH.equals(jwt.getClaimAsString(TYPE))
                || !revocations.redeem(jwt.getId(), jwt.getSubject(), jwt.getExpiresAt())) {
            throw new JwtException("not a valid refresh token");
        }
        return jwt;
    }

    /**
     * Logout: the refresh token and its session are refused from now on, on every node: the session's
     * access tokens too, which otherwise would live until they expire. An invalid token needs nothing.
     */
    public void revoke(final String refreshToken) {
        final Jwt jwt;
        try {
            jwt = decoder.decode(refreshToken);
        } catch (final JwtException alreadyInvalid) {
            return;
        }
        if (REFRESH.equals(jwt.getClaimAsString(TYPE))) {
            revocations.revoke(jwt.getId(), jwt.getSubject(), jwt.getExpiresAt());
            final String session = jwt.getClaimAsString(SESSION);
            if (session != null) {
                // Every token of the session was issued by now, so none outlives this.
                revocations.revoke(session, jwt.getSubject(), Instant.now().plus(settings.refreshTokenTtl()));
            }
        }
    }

    private String encode(final JwtClaimsSet claims) {
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    static String base64(final byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
