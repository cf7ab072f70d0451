package io.bourse.notifications.topology;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationProgress;
import io.bourse.notifications.core.Events;
import io.bourse.notifications.core.NotificationKind;
import io.bourse.notifications.core.Preferences;
import io.bourse.notifications.core.Templates;
import io.bourse.schemas.catalogue.Topics;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Notifies registration, KYC decisions and suspension, and keeps the registration's e-mail address as
 * the user's e-mail contact (before the welcome message is routed, so it reaches it). An event at or
 * below the user's highest account-event sequence is a replay and changes nothing.
 */
final class AccountEventProcessor implements Processor<String, AccountEvent, String, Notification> {

    private final Templates templates;
    private NotificationsRepository repository;
    private Notifier notifier;

    AccountEventProcessor(final Templates templates) {
        this.templates = templates;
    }

    @Override
    public void init(final ProcessorContext<String, Notification> context) {
        repository = new NotificationsRepository(context);
        notifier = new Notifier(context, templates);
    }

    @Override
    public void process(final Record<String, AccountEvent> record) {
        final String userId = record.key();
        final AccountEvent event = record.value();
        if (userId == null || record.value() == null) {
            return;
        }
        final NotificationProgress progress = repository.progress(userId);
        if (event.getSequence() <= progress.getAccountEventSequence()) {
            return;
        }
        progress.setAccountEventSequence(event.getSequence());
        repository.saveProgress(userId, progress);
        Preferences preferences = repository.preferences(userId);
        if (event.getType() == AccountEventType.REGISTERED && !event.getEmail().equals(preferences.email())) {
            preferences = preferences.withEmail(event.getEmail());
            repository.savePreferences(userId, preferences);
        }
        final Optional<NotificationKind> kind = Events.ofAccountEvent(event.getType().name());
        if (kind.isPresent()) {
            notifier.notify(userId, preferences, kind.get(), NotificationsMapping.facts(event),
                    notifier.source(Topics.ACCOUNTS_EVENTS.name(), event.getEventId()), event.getTimestampMs());
        }
    }
}
