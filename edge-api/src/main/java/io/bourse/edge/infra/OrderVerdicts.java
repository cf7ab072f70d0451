package io.bourse.edge.infra;

import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.schemas.catalogue.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Lets an order request wait, briefly, for what the exchange decided about that very request: the
 * portfolio's refusal (it names the command it answers), or every result the matching engine produced
 * for the order while it applied the request, up to the one marked {@code lastOfCommand}. Register
 * before sending, so the answer cannot slip past.
 *
 * <p>A cancel or an amend waits for its own command id, so racing requests each get their own answer.
 * A place waits for its order id: a retry of the same order (the same idempotency key gives the same
 * order id) shares the original's wait instead of waiting for a second verdict that never comes.
 */
@Component
public class OrderVerdicts {

    /**
     * What the exchange decided: either the portfolio's {@code refusal} (nothing reached the engine),
     * or the engine's {@code results} for the order, in order, the last one closing the request.
     */
    public record Verdict(OrderEvent refusal, List<MatchingResult> results) {

        public boolean refusedByPortfolio() {
            return refusal != null;
        }

        /** The engine's last result for the request; only when not refused by the portfolio. */
        public MatchingResult last() {
            return results.get(results.size() - 1);
        }
    }

    private static final class Waiter {
        private final String userId;
        private final String orderId;
        /** A place's waiter, found by its order; a cancel's or an amend's is found by its command. */
        private final boolean place;
        private final Pending done = new Pending(this);
        private final List<MatchingResult> results = new ArrayList<>();
        private String commandId;

        private Waiter(final String userId, final String orderId, final String commandId) {
            this.userId = userId;
            this.orderId = orderId;
            this.commandId = commandId;
            this.place = commandId == null;
        }
    }

    /** A verdict still to come, which knows its waiter: a wait that ends finds it at once, not by a search of all. */
    private static final class Pending extends CompletableFuture<Verdict> {
        private final Waiter waiter;

        private Pending(final Waiter waiter) {
            this.waiter = waiter;
        }
    }

    private final Map<String, Waiter> byCommand = new ConcurrentHashMap<>();
    private final Map<String, Waiter> byPlacedOrder = new ConcurrentHashMap<>();
    /** How many waiters each user has: records of other users are not even decoded. */
    private final Map<String, Integer> waitingUsers = new ConcurrentHashMap<>();

    public OrderVerdicts(final EventHub hub) {
        hub.subscribe(Topics.ORDERS_EVENTS, waitingUsers::containsKey, (user, event) -> onOrderEvent(event));
        hub.subscribe(Topics.MATCHING_RESULTS, waitingUsers::containsKey, (user, result) -> onResult(result));
    }

    /** Starts waiting for the verdict on placing {@code orderId}; a retry of the same order shares the wait. */
    public CompletableFuture<Verdict> expectPlace(final String userId, final String orderId) {
        return byPlacedOrder.computeIfAbsent(placeKey(userId, orderId), k -> track(new Waiter(userId, orderId, null))).done;
    }

    /** Whether a place of {@code orderId} is waiting for its verdict here (a retry then shares that wait). */
    public boolean placing(final String userId, final String orderId) {
        return byPlacedOrder.containsKey(placeKey(userId, orderId));
    }

    /** How many places, cancels and amends sent through this node wait for their verdicts. */
    public int waiting() {
        return byPlacedOrder.size() + byCommand.size();
    }

    /** Starts waiting for the verdict on the cancel or amend {@code commandId} of {@code orderId}. */
    public CompletableFuture<Verdict> expectCommand(final String userId, final String orderId, final String commandId) {
        return byCommand.computeIfAbsent(commandId, k -> track(new Waiter(userId, orderId, commandId))).done;
    }

    /**
     * Completes with the verdict if it arrives within {@code wait}, otherwise empty; stops waiting
     * either way. No thread waits meanwhile: the verdict completes it on the thread that reads it.
     */
    public CompletableFuture<Optional<Verdict>> within(final CompletableFuture<Verdict> verdict, final Duration wait) {
        return BoundedWait.within(verdict, wait, () -> abandon(verdict));
    }

    /** Stops waiting for {@code verdict} without a wait: its command could not be sent. */
    public void abandon(final CompletableFuture<Verdict> verdict) {
        if (verdict instanceof Pending pending) {
            forget(pending.waiter);
        }
    }

    private void onOrderEvent(final OrderEvent event) {
        if (event.getCommandId() == null || event.getType() == OrderEventType.ACCEPTED) {
            return;
        }
        final Waiter waiter = event.getType() == OrderEventType.REJECTED
                ? byPlacedOrder.get(placeKey(event.getUserId(), event.getOrderId()))
                : byCommand.get(event.getCommandId());
        if (waiter != null && waiter.orderId.equals(event.getOrderId())) {
            complete(waiter, new Verdict(event, List.of()));
        }
    }

    private void onResult(final MatchingResult result) {
        final Waiter command = byCommand.get(result.getCommandId());
        if (command != null && command.orderId.equals(result.getOrderId())) {
            collect(command, result);
        }
        final Waiter place = byPlacedOrder.get(placeKey(result.getUserId(), result.getOrderId()));
        if (place != null) {
            // The first command that gives a new order results is its place; later ones (a cancel) are not this wait's.
            if (place.commandId == null) {
                place.commandId = result.getCommandId();
            }
            if (place.commandId.equals(result.getCommandId())) {
                collect(place, result);
            }
        }
    }

    private void collect(final Waiter waiter, final MatchingResult result) {
        waiter.results.add(result);
        if (result.getLastOfCommand()) {
            complete(waiter, new Verdict(null, List.copyOf(waiter.results)));
        }
    }

    private void complete(final Waiter waiter, final Verdict verdict) {
        forget(waiter);
        waiter.done.complete(verdict);
    }

    private void forget(final Waiter waiter) {
        final boolean removed = waiter.place ? byPlacedOrder.remove(placeKey(waiter.userId, waiter.orderId), waiter)
                : byCommand.remove(waiter.commandId, waiter);
        if (removed) {
            untrack(waiter);
        }
    }

    private Waiter track(final Waiter waiter) {
        waitingUsers.merge(waiter.userId, 1, Integer::sum);
        return waiter;
    }

    private void untrack(final Waiter waiter) {
        waitingUsers.computeIfPresent(waiter.userId, (user, count) -> count == 1 ? null : count - 1);
    }

    private static String placeKey(final String userId, final String orderId) {
        return userId + '/' + orderId;
    }
}
