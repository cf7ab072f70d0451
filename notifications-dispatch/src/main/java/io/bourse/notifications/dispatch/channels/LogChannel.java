package io.bourse.notifications.dispatch.channels;

import io.bourse.notifications.dispatch.core.Attempt;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import io.bourse.notifications.dispatch.core.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes SMS or push messages to the log instead of sending them: the embedded default's stand-in for Twilio and FCM. */
public final class LogChannel implements ChannelAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(LogChannel.class);

    private final Channel channel;

    public LogChannel(final Channel channel) {
        this.channel = channel;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Attempt send(final Message message) {
        LOG.info("{} to {} ({}): {}", channel, channel == Channel.PUSH ? message.pushTokens() : message.recipient(),
                message.kind(), message.text());
        return new Attempt.Accepted("log");
    }
}
