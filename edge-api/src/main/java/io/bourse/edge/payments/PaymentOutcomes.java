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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Follows {@code payments.events}: lets a request wait briefly for the portfolio's verdict on the
 * intent or withdrawal it sent (register before sending), and counts what did not reconcile in
 * {@code bourse.payments.unreconciled} by reason (deposits, withdrawals and payout reports), keeping the latest for the admin view. Every node follows every partition, so each node's
 * counter counts the whole exchange's refusals.
 */
@Component
public class PaymentOutcomes {

    /** How many of the latest refusals {@link #recentRefusals()} keeps. */
    public static final int RECENT_REFUSALS = 1_000;

    /** What does not reconcile or is refused: counted, and kept for the admin view. */
    private static final Set<PaymentEventType> REFUSALS = EnumSet.of(PaymentEventType.DEPOSIT_REJECTED,
            PaymentEventType.WITHDRAWAL_REFUSED, PaymentEventType.PAYOUT_REJECTED);
    /** The portfolio's first answer to a request: what a waiting request is told. */
    private static final Set<PaymentEventType> VERDICTS = EnumSet.of(PaymentEventType.DEPOSIT_INTENT_CREATED,
            PaymentEventType.DEPOSIT_REJECTED, PaymentEventType.WITHDRAWAL_REQUESTED, PaymentEventType.WITHDRAWAL_REFUSED,
            PaymentEventType.DESTINATION_REGISTERED);

    private final Map<String, CompletableFuture<PaymentEvent>> waiting = new ConcurrentHashMap<>();
    private final Deque<PaymentEvent> refusals = new ArrayDeque<>();
    private final MeterRegistry meters;

    public PaymentOutcomes(final EventHub hub, final MeterRegistry meters) {
        this.meters = meters;
        hub.subscribe(Topics.PAYMENTS_EVENTS, (key, event) -> on(event));
    }

    void on(final PaymentEvent event) {
        if (REFUSALS.contains(event.getType())) {
            Counter.builder("bourse.payments.unreconciled").description("payments refused or not reconciled, by reason")
                    .tag("type", event.getType().name()).tag("reason", String.valueOf(event.getReason())).register(meters).increment();
            synchronized (refusals) {
                refusals.addFirst(event);
                if (refusals.size() > RECENT_REFUSALS) {
                    refusals.removeLast();
                }
            }
        }
        final String reference = event.getWithdrawalId() != null ? event.getWithdrawalId()
                : event.getIntentId() != null ? event.getIntentId() : event.getDestinationId();
        if (reference == null || !VERDICTS.contains(event.getType())) {
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
