package io.bourse.notifications.topology;

import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationProgress;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.notifications.core.Conflation;
import io.bourse.notifications.core.Events;
import io.bourse.notifications.core.NotificationKind;
import io.bourse.notifications.core.Templates;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.Topics;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Notifies order events: partial fills through {@link Conflation}, order filled, rejected, expired and
 * cancelled by the exchange. An event at or below the user's highest order-event sequence is a replay
 * and changes nothing.
 *
 * <p>Open windows close on <em>stream time</em> (a punctuator every {@link NotificationsConfig#closeInterval()}),
 * not on the wall clock: the same input then closes the same windows with the same fills however fast
 * or late it is processed, so a replay writes the same messages. The price is that a window waits for
 * a later record on the task to move stream time past its end.
 */
final class OrderEventProcessor implements Processor<String, OrderEvent, String, Notification> {

    private final NotificationsConfig config;
    private final Templates templates;
    private final Conflation conflation;
    private NotificationsRepository repository;
    private PendingWindows windows;
    private Notifier notifier;

    OrderEventProcessor(final NotificationsConfig config, final Templates templates) {
        this.config = config;
        this.templates = templates;
        this.conflation = new Conflation(config.conflationWindow());
    }

    @Override
    public void init(final ProcessorContext<String, Notification> context) {
        repository = new NotificationsRepository(context);
        windows = PendingWindows.load(context.getStateStore(NotificationsNames.PENDING_FILLS.name()));
        notifier = new Notifier(context, templates);
        context.schedule(config.closeInterval(), PunctuationType.STREAM_TIME, this::closeDueWindows);
    }

    @Override
    public void process(final Record<String, OrderEvent> record) {
        final String userId = record.key();
        final OrderEvent event = record.value();
        if (userId == null || record.value() == null) {
            return;
        }
        final NotificationProgress progress = repository.progress(userId);
        if (event.getSequence() <= progress.getOrderEventSequence()) {
            return;
        }
        progress.setOrderEventSequence(event.getSequence());
        repository.saveProgress(userId, progress);
        final Optional<NotificationKind> kind = Events.ofOrderEvent(event.getType().name(),
                event.getReasonCode() == null ? null : event.getReasonCode().name());
        final Optional<Conflation.Window> open = windows.get(userId, event.getOrderId());
        final Instant at = event.getTimestampMs();
        final Conflation.Step step;
        if (event.getType() == OrderEventType.FILL && event.getFillQuantityShares() != null && event.getFillPricePaise() != null) {
            step = conflation.fill(open, NotificationsMapping.fill(event));
        } else if (event.getType() == OrderEventType.FILLED) {
            step = conflation.completed(open);
        } else if (event.getType() == OrderEventType.CANCELLED || event.getType() == OrderEventType.EXPIRED
                || event.getType() == OrderEventType.REJECTED) {
            step = conflation.ended(open);
        } else {
            step = new Conflation.Step(Optional.empty(), open);
        }
        step.closed().ifPresent(window -> notifyBurst(userId, window, earlier(at, window.closesAt())));
        if (!step.open().equals(open)) {
            windows.save(userId, event.getOrderId(), step.open());
        }
        if (kind.isPresent() && kind.get() != NotificationKind.ORDER_PARTIALLY_FILLED) {
            notifier.notify(userId, repository.preferences(userId), kind.get(), NotificationsMapping.facts(event),
                    notifier.source(Topics.ORDERS_EVENTS.name(), event.getEventId()), at);
        }
    }

    private void closeDueWindows(final long streamTimeMs) {
        final Instant now = Instant.ofEpochMilli(streamTimeMs);
        for (final PendingWindows.Open due : windows.due(conflation, now)) {
            // The message is dated at the window's end, not the punctuation's, so how often the
            // punctuator runs does not change what is written.
            notifyBurst(due.userId(), due.window(), due.window().closesAt());
            windows.save(due.userId(), due.window().orderId(), Optional.empty());
        }
    }

    /** A burst is dated when its window ended, or earlier when its order ended first: the same however it was closed. */
    private static Instant earlier(final Instant a, final Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void notifyBurst(final String userId, final Conflation.Window window, final Instant at) {
        notifier.notify(userId, repository.preferences(userId), NotificationKind.ORDER_PARTIALLY_FILLED,
                NotificationsMapping.facts(window),
                new Source(Topics.ORDERS_EVENTS.name(), window.firstEventId(), null, null, window.fills()), at);
    }
}
