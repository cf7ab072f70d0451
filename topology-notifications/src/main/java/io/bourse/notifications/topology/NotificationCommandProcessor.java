package io.bourse.notifications.topology;

import io.bourse.avro.notifications.ChannelSetting;
import io.bourse.avro.notifications.NotificationCommand;
import io.bourse.avro.notifications.NotificationCommandType;
import io.bourse.notifications.core.Channel;
import io.bourse.notifications.core.NotificationKind;
import io.bourse.notifications.core.Preferences;
import io.bourse.notifications.core.QuietHours;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies preference changes and device registrations to the user's preferences, and marks in-app
 * notifications read. The edge validates
 * commands before writing them; one that still names an unknown zone or impossible quiet hours changes
 * nothing and is logged. Applying the same command twice gives the same preferences, so a replay is
 * harmless without a guard.
 */
final class NotificationCommandProcessor implements Processor<String, NotificationCommand, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationCommandProcessor.class);

    private final int inboxCapacity;
    private NotificationsRepository repository;
    private InboxRepository inbox;

    NotificationCommandProcessor(final int inboxCapacity) {
        this.inboxCapacity = inboxCapacity;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        repository = new NotificationsRepository(context);
        inbox = new InboxRepository(context, inboxCapacity);
    }

    @Override
    public void process(final Record<String, NotificationCommand> record) {
        final String userId = record.key();
        if (userId == null || record.value() == null) {
            return;
        }
        final NotificationCommand command = record.value();
        if (command.getType() == NotificationCommandType.MARK_READ) {
            if (command.getNotificationId() != null) {
                inbox.markRead(userId, command.getNotificationId());
            }
            return;
        }
        final Preferences before = repository.preferences(userId);
        final Preferences after;
        try {
            after = switch (command.getType()) {
                case UPDATE_PREFERENCES -> update(before, command);
                case REGISTER_DEVICE -> command.getPushToken() == null ? before : before.withDevice(command.getPushToken());
                case UNREGISTER_DEVICE -> command.getPushToken() == null ? before : before.withoutDevice(command.getPushToken());
                case UNSPECIFIED, MARK_READ -> before;
            };
        } catch (final DateTimeException | IllegalArgumentException e) {
            LOG.warn("Notification command {} of user {} changes nothing: {}", command.getCommandId(), userId, e.getMessage());
            return;
        }
        if (!after.equals(before)) {
            repository.savePreferences(userId, after);
        }
    }

    private static Preferences update(final Preferences before, final NotificationCommand command) {
        Preferences p = before;
        for (final ChannelSetting setting : command.getSettings()) {
            final Optional<NotificationKind> kind = NotificationsMapping.kind(setting.getKind());
            final Optional<Channel> channel = NotificationsMapping.channel(setting.getChannel());
            if (kind.isPresent() && channel.isPresent()) {
                p = p.with(kind.get(), channel.get(), setting.getEnabled());
            }
        }
        if (command.getTimeZone() != null) {
            p = p.withZone(ZoneId.of(command.getTimeZone()));
        }
        if (command.getQuietHoursStartMinute() != null && command.getQuietHoursEndMinute() != null) {
            p = p.withQuietHours(new QuietHours(command.getQuietHoursStartMinute(), command.getQuietHoursEndMinute()));
        }
        if (command.getLocale() != null) {
            p = p.withLocale(Locale.forLanguageTag(command.getLocale()));
        }
        if (command.getPhone() != null) {
            p = p.withPhone(command.getPhone().isEmpty() ? null : command.getPhone());
        }
        return p;
    }
}
