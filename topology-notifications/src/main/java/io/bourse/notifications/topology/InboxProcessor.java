package io.bourse.notifications.topology;

import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationChannel;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Files every in-app notification of {@code notifications} in its user's inbox ({@link InboxRepository}).
 * With exactly-once the inbox and the input offsets commit together, so a notification is filed once.
 */
final class InboxProcessor implements Processor<String, Notification, Void, Void> {

    private final int capacity;
    private InboxRepository inbox;

    InboxProcessor(final int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        inbox = new InboxRepository(context, capacity);
    }

    @Override
    public void process(final Record<String, Notification> record) {
        final Notification notification = record.value();
        if (record.key() == null || notification == null || notification.getChannel() != NotificationChannel.IN_APP) {
            return;
        }
        NotificationsMapping.inboxEntry(notification).ifPresent(entry -> inbox.file(record.key(), entry));
    }
}
