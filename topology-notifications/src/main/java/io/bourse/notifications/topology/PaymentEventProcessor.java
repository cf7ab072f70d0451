package io.bourse.notifications.topology;

import io.bourse.avro.notifications.Notification;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.notifications.core.Events;
import io.bourse.notifications.core.NotificationKind;
import io.bourse.notifications.core.Templates;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Notifies deposits and withdrawals. Payment events carry no per-user sequence, so a replay is known
 * by its event id, remembered for {@link NotificationsConfig#paymentDedupRetention()}; an event older
 * than that behind stream time is dropped, as it could no longer be told from a replay.
 */
final class PaymentEventProcessor implements Processor<String, PaymentEvent, String, Notification> {

    private final NotificationsConfig config;
    private final Templates templates;
    private ProcessorContext<String, Notification> context;
    private NotificationsRepository repository;
    private Notifier notifier;

    PaymentEventProcessor(final NotificationsConfig config, final Templates templates) {
        this.config = config;
        this.templates = templates;
    }

    @Override
    public void init(final ProcessorContext<String, Notification> context) {
        this.context = context;
        repository = new NotificationsRepository(context);
        notifier = new Notifier(context, templates);
    }

    @Override
    public void process(final Record<String, PaymentEvent> record) {
        final String userId = record.key();
        final PaymentEvent event = record.value();
        if (userId == null || event == null || userId.equals(PortfolioNames.UNMATCHED_PAYMENTS_KEY)) {
            return;
        }
        final Optional<NotificationKind> kind = Events.ofPaymentEvent(event.getType().name());
        final long retentionMs = config.paymentDedupRetention().toMillis();
        if (kind.isEmpty() || record.timestamp() < context.currentStreamTimeMs() - retentionMs
                || repository.paymentNotified(userId, event.getEventId(), record.timestamp(), retentionMs)) {
            return;
        }
        repository.rememberPayment(userId, event.getEventId(), record.timestamp());
        notifier.notify(userId, repository.preferences(userId), kind.get(), NotificationsMapping.facts(event),
                notifier.source(Topics.PAYMENTS_EVENTS.name(), event.getEventId()), event.getTimestampMs());
    }
}
