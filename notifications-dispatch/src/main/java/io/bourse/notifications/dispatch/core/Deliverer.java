package io.bourse.notifications.dispatch.core;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Delivers one message through its adapter, retrying transient failures by the {@link RetryPolicy}.
 * The clock and the wait are arguments, so the rules are tested without time passing.
 */
public final class Deliverer {

    /** Waits between attempts; interruptible, so a stopping dispatcher does not sit out a back-off. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    public Deliverer(final RetryPolicy policy, final Sleeper sleeper, final LongSupplier nanoTime) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    /**
     * Attempts until accepted, refused for good, or out of attempts.
     *
     * @param onRetry called with the attempt number after each transient failure that will be retried
     * @throws InterruptedException when the dispatcher stops mid-delivery: nothing is settled, the
     *     message is delivered again after the restart
     */
    public Settlement deliver(final ChannelAdapter adapter, final Message message, final Runnable onRetry) throws InterruptedException {
        final long start = nanoTime.getAsLong();
        for (int attempt = 1; ; attempt++) {
            final Attempt outcome = adapter.send(message);
            final Duration latency = Duration.ofNanos(nanoTime.getAsLong() - start);
            if (outcome instanceof Attempt.Accepted accepted) {
                return new Settlement(Settlement.Status.SENT, null, attempt, accepted.providerId(), latency);
            }
            if (outcome instanceof Attempt.Permanent refused) {
                return new Settlement(Settlement.Status.FAILED, Attempt.reason(refused.code(), refused.detail()), attempt, null, latency);
            }
            final Attempt.Transient failed = (Attempt.Transient) outcome;
            if (attempt >= policy.maxAttempts()) {
                return new Settlement(Settlement.Status.FAILED, Attempt.reason("RETRIES_EXHAUSTED",
                        failed.code() + (failed.detail() == null ? "" : " " + failed.detail())), attempt, null, latency);
            }
            onRetry.run();
            sleeper.sleep(policy.backoffAfter(attempt));
        }
    }
}
