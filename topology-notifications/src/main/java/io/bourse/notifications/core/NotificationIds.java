package io.bourse.notifications.core;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Notification ids derived from what the notification is about, never drawn at random: the same
 * (user, source topic, source event, channel) always names the same notification, so a replay
 * writes the same id and a dispatcher can deliver idempotently on it.
 */
public final class NotificationIds {

    private NotificationIds() {
    }

    /** A name-based (type 3) UUID of the four parts, separated by a character none of them holds. */
    public static String of(final String userId, final String sourceTopic, final String sourceEventId, final Channel channel) {
        final String name = "notification\0" + userId + "\0" + sourceTopic + "\0" + sourceEventId + "\0" + channel.name();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
