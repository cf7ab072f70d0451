package io.bourse.edge.payments;

import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.edge.infra.BoundedWait;
import io.bourse.edge.infra.EventHub;
import io.bourse.schemas.catalogue.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Follows {@code payments.events}: lets a request wait briefly for the portfolio's verdict on the
 * intent or withdrawal it sent (register before sending), and counts what did not reconcile in
 * {@code bourse.payments.unreconciled} by reason, keeping the latest for the admin view. Every node follows every partition, so each node's
 * counter counts the whole exchange's refusals.
 */
@Component
public class PaymentOutcomes {

    /** How many of the latest refusals {@link #recentRefusals()} keeps. */
    public static final int RECENT_REFUSALS = 1_000;

    private final Map<String, CompletableFuture<PaymentEvent>> waiting = new ConcurrentHashMap<>();
    private final Deque<PaymentEvent> refusals = new ArrayDeque<>();
    private final MeterRegistry meters;

    public PaymentOutcomes(final EventHub hub, final MeterRegistry meters) {
        this.meters = meters;
        hub.subscribe(Topics.PAYMENTS_EVENTS, (key, event) -> on(event));
    }

    void on(final PaymentEvent event) {
        if (event.getType() == PaymentEventType.DEPOSIT_REJECTED || event.getType() == PaymentEventType.WITHDRAWAL_REFUSED) {
            Counter.builder("bourse.payments.unreconciled").description("payments refused or not reconciled, by reason")
                    .tag("type", event.getType().name()).tag("reason", String.valueOf(event.getReason())).register(meters).increment();
            synchronized (refusals) {
                refusals.addFirst(event);
                if (refusals.size() > RECENT_REFUSALS) {
                    refusals.removeLast();
                }
            }
        }
        final String reference = event.getWithdrawalId() != null ? event.getWithdrawalId() : event.getIntentId();
        if (reference == null || event.getType() == PaymentEventType.PAYOUT_SUCCEEDED || event.getType() == PaymentEventType.PAYOUT_FAILED) {
            return;
        }
        final CompletableFuture<PaymentEvent> waiter = waiting.remove(event.getUserId() + "/" + reference);
        if (waiter != null) {
            waiter.complete(event);
        }
    }

    /**
     * The latest refusals this node has seen since it started, newest first: deposits that did not
     * reconcile and refused withdrawals. The durable record is {@code payments.events} (and its
     * {@code payment_events} table in the analytics database).
     */
    public List<PaymentEvent> recentRefusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    /** Starts waiting for the verdict on the intent or withdrawal {@code reference} of {@code userId}. */
    public CompletableFuture<PaymentEvent> expect(final String userId, final String reference) {
        return waiting.computeIfAbsent(userId + "/" + reference, k -> new CompletableFuture<>());
    }

    /** The verdict if it arrives within {@code wait}; stops waiting either way. */
    public Optional<PaymentEvent> await(final CompletableFuture<PaymentEvent> future, final Duration wait) {
        return BoundedWait.await(future, wait, () -> waiting.values().remove(future));
    }
}
