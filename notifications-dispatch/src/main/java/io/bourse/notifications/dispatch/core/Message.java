package io.bourse.notifications.dispatch.core;

import java.util.List;
import java.util.Objects;

/**
 * One notification as the dispatcher delivers it.
 *
 * @param id the notification id, deterministic: the idempotency key wherever a provider takes one
 * @param recipient e-mail address or E.164 phone number; null for push and in-app
 * @param subject e-mail subject, push title; null for SMS
 * @param html the e-mail's HTML part; null for other channels
 * @param pushTokens the devices a push goes to; empty for other channels
 */
public record Message(String id, String userId, String kind, Channel channel, String recipient, String subject, String text,
        String html, List<String> pushTokens) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        pushTokens = pushTokens == null ? List.of() : List.copyOf(pushTokens);
    }
}
