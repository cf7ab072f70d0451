package io.bourse.edge.infra;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** How a request waits for the verdict on what it sent: briefly, and it stops waiting either way. */
public final class BoundedWait {

    private BoundedWait() {
    }

    /**
     * The value of {@code future} if it completes within {@code wait}; otherwise (or when interrupted)
     * empty, after {@code forget} has dropped the waiter that would have completed it.
     */
    public static <T> Optional<T> await(final CompletableFuture<T> future, final Duration wait, final Runnable forget) {
        try {
            return within(future, wait, forget).get();
        } catch (final InterruptedException e) {
            forget.run();
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Completes with the value of {@code future} if it completes within {@code wait}, otherwise empty
     * after {@code forget} has dropped the waiter that would have completed it; nobody's thread is held
     * meanwhile. {@code future} itself is left as it is (others may share it).
     */
    public static <T> CompletableFuture<Optional<T>> within(final CompletableFuture<T> future, final Duration wait,
            final Runnable forget) {
        final CompletableFuture<Optional<T>> bounded = new CompletableFuture<>();
        future.thenApply(Optional::of).completeOnTimeout(Optional.empty(), wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((value, failure) -> {
                    if (failure != null) {
                        // The future's own failure, not the wrapping the stage above added.
                        bounded.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                        return;
                    }
                    if (value.isEmpty()) {
                        // Before anyone hears of the timeout: whoever learns of it finds the waiter gone.
                        forget.run();
                    }
                    bounded.complete(value);
                });
        return bounded;
    }
}
