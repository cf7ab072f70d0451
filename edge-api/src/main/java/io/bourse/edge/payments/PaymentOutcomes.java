package io.bourse.edge.payments;

import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.edge.infra.BoundedWait;
import io.bourse.edge.infra.EventHub;
import io.bourse.schemas.catalogue.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Follows {@code payments.events}: lets a request wait briefly for the portfolio's verdict on the
 * intent or withdrawal it sent (register before sending), and counts what did not reconcile in
 * {@code bourse.payments.unreconciled} by reason (deposits, withdrawals and payout reports) since the node started.
 * Every node follows every partition, so each node's counter counts the whole exchange's refusals. The
 * admin view of them is {@link PaymentRefusals}, which reads the whole topic.
 */
@Component
public class PaymentOutcomes {

    /** The portfolio's first answer to a request: what a waiting request is told. */
    private static final Set<PaymentEventType> VERDICTS = EnumSet.of(PaymentEventType.DEPOSIT_INTENT_CREATED,
            PaymentEventType.DEPOSIT_REJECTED, PaymentEventType.WITHDRAWAL_REQUESTED, PaymentEventType.WITHDRAWAL_REFUSED,
            PaymentEventType.DESTINATION_REGISTERED);

    private final Map<String, CompletableFuture<PaymentEvent>> waiting = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public PaymentOutcomes(final EventHub hub, final MeterRegistry meters) {
        this.meters = meters;
        hub.subscribe(Topics.PAYMENTS_EVENTS, (key, event) -> on(event));
    }

    void on(final PaymentEvent event) {
        if (PaymentRefusals.TYPES.contains(event.getType())) {
            Counter.builder("bourse.payments.unreconciled").description("payments refused or not reconciled, by reason")
                    .tag("type", event.getType().name()).tag("reason", String.valueOf(event.getReason())).register(meters).increment();
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

    /** Starts waiting for the verdict on the intent or withdrawal {@code reference} of {@code userId}. */
    public CompletableFuture<PaymentEvent> expect(final String userId, final String reference) {
        return waiting.computeIfAbsent(userId + "/" + reference, k -> new CompletableFuture<>());
    }

    /** The verdict if it arrives within {@code wait}; stops waiting either way. */
    public Optional<PaymentEvent> await(final CompletableFuture<PaymentEvent> future, final Duration wait) {
        return BoundedWait.await(future, wait, () -> waiting.values().remove(future));
    }
}
