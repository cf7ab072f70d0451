package io.bourse.edge.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token buckets per signed-in user and per client IP (Bucket4j). A request over the limit gets 429
 * with {@code Retry-After} and problem details (code {@code RATE_LIMITED}); nothing reaches Kafka.
 * Webhooks, health and metrics are exempt.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perUserPerSecond;
    private final long perIpPerSecond;

    public RateLimitFilter(final long perUserPerSecond, final long perIpPerSecond) {
        this.perUserPerSecond = perUserPerSecond;
        this.perIpPerSecond = perIpPerSecond;
    }

    @Override
    protected boolean shouldNotFilter(final HttpServletRequest request) {
        final String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.startsWith("/api/v1/payments/webhook/");
    }

    @Override
    protected void doFilterInternal(final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
            throws ServletException, IOException {
        final Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        final boolean user = auth != null && auth.getPrincipal() instanceof Jwt;
        final String key = user ? "user:" + ((Jwt) auth.getPrincipal()).getSubject() : "ip:" + request.getRemoteAddr();
        final long rate = user ? perUserPerSecond : perIpPerSecond;
        final ConsumptionProbe probe = bucket(key, rate).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        tooMany(response, probe, rate);
    }

    /**
     * A request refused for its bearer token (invalid, expired, a refresh token) never reaches this
     * filter, which runs after authentication; it is counted here against its IP instead, so guessing
     * tokens is limited like any other anonymous traffic.
     *
     * @return whether the request was over the IP's limit, in which case the 429 was written
     */
    public boolean refuseInvalidTokenOverLimit(final HttpServletRequest request, final HttpServletResponse response) throws IOException {
        if (shouldNotFilter(request)) {
            return false;
        }
        final ConsumptionProbe probe = bucket("ip:" + request.getRemoteAddr(), perIpPerSecond).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return false;
        }
        tooMany(response, probe, perIpPerSecond);
        return true;
    }

    private Bucket bucket(final String key, final long rate) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate * 2).refillGreedy(rate, Duration.ofSeconds(1)).build()).build());
    }

    private static void tooMany(final HttpServletResponse response, final ConsumptionProbe probe, final long rate) throws IOException {
        final long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"https://bourse.io/problems/rate-limited\",\"title\":\"Too Many Requests\","
                + "\"status\":429,\"detail\":\"Slow down: at most " + rate + " requests per second\",\"code\":\"RATE_LIMITED\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
