package io.bourse.edge.security;

import io.bourse.edge.api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@link #FREE_ACCOUNT_FAILURES} wrong passwords in a row for one
 * account (known or not), each further attempt must wait a doubling pause (1 s, 2 s, 4 s ... up to
 * {@link #MAX_PAUSE}); likewise after {@link #FREE_IP_FAILURES} failures from one client address,
 * whichever accounts they tried. A refused attempt is a 429 {@code LOGIN_THROTTLED} problem with
 * {@code Retry-After}. A success clears its account's count; failures are forgotten after
 * {@link #MAX_PAUSE} without one.
 *
 * <p>The account's count lives on the node that owns the account's partition, where every login of
 * that account is answered (reads are forwarded there), so it holds across nodes; the address's count
 * is per node.
 */
@Component
public class LoginThrottle {

    static final int FREE_ACCOUNT_FAILURES = 5;
    static final int FREE_IP_FAILURES = 50;
    static final Duration MAX_PAUSE = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    /** A refused attempt, answered with its own Retry-After. */
    public static final class Throttled extends ApiException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        Throttled(final long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, "LOGIN_THROTTLED",
                    "Too many failed logins; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private record Failures(int count, Instant last, Instant pausedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    public LoginThrottle(final Clock clock) {
        this.clock = clock;
    }

    /** Throws {@link Throttled} while the account must wait. */
    public void checkAccount(final String userId) {
        check(accounts, userId);
    }

    /** Throws {@link Throttled} while the client address must wait. */
    public void checkAddress(final String address) {
        check(addresses, address);
    }

    public void accountFailed(final String userId) {
        failed(accounts, userId, FREE_ACCOUNT_FAILURES);
    }

    public void addressFailed(final String address) {
        failed(addresses, address, FREE_IP_FAILURES);
    }

    public void accountSucceeded(final String userId) {
        accounts.remove(userId);
    }

    private void check(final Map<String, Failures> counts, final String key) {
        final Failures failures = counts.get(key);
        final Instant now = clock.instant();
        if (failures != null && failures.pausedUntil() != null && now.isBefore(failures.pausedUntil())) {
            throw new Throttled(Math.max(1, (Duration.between(now, failures.pausedUntil()).toMillis() + 999) / 1_000));
        }
    }

    private void failed(final Map<String, Failures> counts, final String key, final int free) {
        if (counts.size() > MAX_TRACKED) {
            counts.clear();
        }
        final Instant now = clock.instant();
        counts.compute(key, (k, before) -> {
            final int count = before == null || Duration.between(before.last(), now).compareTo(MAX_PAUSE) > 0 ? 1 : before.count() + 1;
            if (count <= free) {
                return new Failures(count, now, null);
            }
            final long seconds = 1L << Math.min(30, count - free - 1);
            final Duration pause = seconds >= MAX_PAUSE.toSeconds() ? MAX_PAUSE : Duration.ofSeconds(seconds);
            return new Failures(count, now, now.plus(pause));
        });
    }
}
