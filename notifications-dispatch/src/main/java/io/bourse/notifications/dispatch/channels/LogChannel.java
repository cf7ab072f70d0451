package io.bourse.notifications.dispatch.channels;

import io.bourse.notifications.dispatch.core.Attempt;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import io.bourse.notifications.dispatch.core.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes SMS or push messages to the log instead of sending them: the embedded default's stand-in for
 * Twilio and FCM. One line per message, the phone number masked and device tokens counted, not shown.
 */
public final class LogChannel implements ChannelAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(LogChannel.class);
    /** Longer texts are cut here, so a line stays a line. */
    static final int MAX_TEXT = 200;

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
        LOG.info("{}", summary(message));
        return new Attempt.Accepted("log");
    }

    /** The line logged for {@code message}: channel, masked recipient or device count, kind, id, then the text on one line. */
    static String summary(final Message message) {
        final String to = message.channel() == Channel.PUSH
                ? message.pushTokens().size() + (message.pushTokens().size() == 1 ? " device" : " devices")
                : masked(message.recipient());
        final String text = (message.subject() == null ? "" : message.subject() + ": ") + message.text();
        final String line = text.strip().replaceAll("\\s+", " ");
        return message.channel() + " to " + to + " (" + message.kind() + ", " + message.id() + "): "
                + (line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT - 1) + "…" : line);
    }

    private static String masked(final String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return "nobody";
        }
        final int shown = Math.min(4, recipient.length() / 2);
        return "*".repeat(recipient.length() - shown) + recipient.substring(recipient.length() - shown);
    }
}
