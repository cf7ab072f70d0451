package io.bourse.edge.infra;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.schemas.catalogue.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Lets a request wait, briefly, for the verdict on the command it sent: ACCEPTED or REJECTED for an
 * order, the account event answering an account command. Register before sending, so the answer
 * cannot slip past.
 */
@Component
public class Outcomes {

    private final Map<String, CompletableFuture<OrderEvent>> orders = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<AccountEvent>> accounts = new ConcurrentHashMap<>();

    public Outcomes(final EventHub hub) {
        hub.subscribe(Topics.ORDERS_EVENTS, (key, event) -> {
            if (event.getType() == OrderEventType.ACCEPTED || event.getType() == OrderEventType.REJECTED
                    || event.getType() == OrderEventType.CANCEL_REJECTED || event.getType() == OrderEventType.AMEND_REJECTED
                    || event.getType() == OrderEventType.CANCELLED || event.getType() == OrderEventType.AMENDED) {
                final CompletableFuture<OrderEvent> waiter = orders.remove(event.getUserId() + "/" + event.getOrderId());
                if (waiter != null) {
                    waiter.complete(event);
                }
            }
        });
        hub.subscribe(Topics.ACCOUNTS_EVENTS, (key, event) -> {
            final CompletableFuture<AccountEvent> waiter = accounts.remove(event.getUserId());
            if (waiter != null) {
                waiter.complete(event);
            }
        });
    }

    /** Starts waiting for the next verdict on {@code orderId} of {@code userId}. */
    public CompletableFuture<OrderEvent> expectOrder(final String userId, final String orderId) {
        return orders.computeIfAbsent(userId + "/" + orderId, k -> new CompletableFuture<>());
    }

    /** Starts waiting for the next account event of {@code userId}. */
    public CompletableFuture<AccountEvent> expectAccount(final String userId) {
        return accounts.computeIfAbsent(userId, k -> new CompletableFuture<>());
    }

    /** The verdict if it arrives within {@code wait}; stops waiting either way. */
    public <T> Optional<T> await(final CompletableFuture<T> future, final Duration wait) {
        try {
            return Optional.of(future.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (final TimeoutException e) {
            orders.values().remove(future);
            accounts.values().remove(future);
            return Optional.empty();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
