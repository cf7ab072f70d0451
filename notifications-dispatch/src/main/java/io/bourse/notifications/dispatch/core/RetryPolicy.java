package io.bourse.notifications.dispatch.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long transient failures are retried: {@code maxAttempts} attempts in all, waiting
 * {@code initialBackoff} after the first, then each wait {@code multiplier} times the last, at most
 * {@code maxBackoff}. No jitter: each channel's worker retries one message at a time, so a node has at
 * most one retrying message per channel and there is no herd to spread.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    public static final RetryPolicy DEFAULTS = new RetryPolicy(5, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || initialBackoff.isNegative() || multiplier < 1.0 || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("attempts >= 1, backoffs >= 0 and growing, multiplier >= 1: " + this);
        }
    }

    /** The wait after failed attempt {@code attempt} (from 1). */
    public Duration backoffAfter(final int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, not " + attempt);
        }
        final double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
