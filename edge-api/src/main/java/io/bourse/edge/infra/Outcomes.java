package io.bourse.edge.infra;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.schemas.catalogue.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Lets a request wait, briefly, for the account event answering the account command it sent.
 * Register before sending, so the answer cannot slip past. Orders wait through {@link OrderVerdicts}.
 */
@Component
public class Outcomes {

    private final Map<String, CompletableFuture<AccountEvent>> accounts = new ConcurrentHashMap<>();

    public Outcomes(final EventHub hub) {
        hub.subscribe(Topics.ACCOUNTS_EVENTS, (key, event) -> {
            final CompletableFuture<AccountEvent> waiter = accounts.remove(event.getUserId());
            if (waiter != null) {
                waiter.complete(event);
            }
        });
    }

    /** Starts waiting for the next account event of {@code userId}. */
    public CompletableFuture<AccountEvent> expectAccount(final String userId) {
        return accounts.computeIfAbsent(userId, k -> new CompletableFuture<>());
    }

    /** The verdict if it arrives within {@code wait}; stops waiting either way. */
    public <T> Optional<T> await(final CompletableFuture<T> future, final Duration wait) {
        return BoundedWait.await(future, wait, () -> accounts.values().remove(future));
    }
}
