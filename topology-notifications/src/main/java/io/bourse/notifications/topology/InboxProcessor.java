package io.bourse.notifications.topology;

import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationChannel;
import io.bourse.notifications.core.Inbox;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps every in-app notification of {@code notifications} in its user's inbox. The inbox holds each
 * notification id once, so reading a notification again (a replay, a restore) never doubles it; with
 * exactly-once the inbox and the input offsets commit together anyway.
 */
final class InboxProcessor implements Processor<String, Notification, Void, Void> {

    private final int capacity;
    private NotificationsRepository repository;

    InboxProcessor(final int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        repository = new NotificationsRepository(context);
    }

    @Override
    public void process(final Record<String, Notification> record) {
        final Notification notification = record.value();
        if (record.key() == null || notification == null || notification.getChannel() != NotificationChannel.IN_APP) {
            return;
        }
        NotificationsMapping.inboxEntry(notification).ifPresent(entry -> {
            final Inbox before = repository.inbox(record.key());
            repository.saveInbox(record.key(), before, before.add(entry, capacity));
        });
    }
}
