package io.bourse.notifications.dispatch.channels;

import io.bourse.notifications.dispatch.core.Attempt;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import io.bourse.notifications.dispatch.core.Message;

/**
 * In-app notifications need no provider: the notifications topology keeps each one in the user's inbox
 * (store {@code notification-inbox-entries}) exactly once, from the same topic, and every node pushes it on the
 * user's private WebSocket channel. The dispatcher only records it as sent, so every notification has a
 * status; nothing it does, or does twice, can change the inbox.
 */
public final class InAppChannel implements ChannelAdapter {

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public Attempt send(final Message message) {
        return new Attempt.Accepted("inbox");
    }

    @Override
    public boolean idempotent() {
        return true;
    }
}
