package io.bourse.notifications.dispatch.core;

import java.util.Optional;

/**
 * Whether a notification is settled as SKIPPED instead of being attempted, and why. A skip is not a
 * failure: nothing went wrong with a provider, the notification simply has nowhere to go from this
 * dispatcher. The reasons are stable codes, written as the status's reason and counted as the
 * {@code reason} tag of {@code bourse.notifications.skipped}.
 *
 * <p>Checked in this order, the first that holds wins:
 * <ol>
 *   <li>{@link #TURNED_OFF}: the user turned this kind off on this channel after the notification was
 *       written (the topology writes none for a pair already off). Not for in-app: the topology has put
 *       it in the inbox already, so it is shown whatever the dispatcher says.</li>
 *   <li>{@link #CHANNEL_DISABLED}: this dispatcher has no adapter for the channel (no SMTP server,
 *       Twilio account or Firebase project configured).</li>
 *   <li>{@link #NO_RECIPIENT}: an e-mail without an address, an SMS without a phone number.</li>
 *   <li>{@link #NO_DEVICE}: a push without a device token.</li>
 * </ol>
 */
public final class Skips {

    public static final String TURNED_OFF = "TURNED_OFF";
    public static final String CHANNEL_DISABLED = "CHANNEL_DISABLED";
    public static final String NO_RECIPIENT = "NO_RECIPIENT";
    public static final String NO_DEVICE = "NO_DEVICE";
    /** A channel this dispatcher does not know (written by a newer topology). */
    public static final String UNKNOWN_CHANNEL = "UNKNOWN_CHANNEL";

    private Skips() {
    }

    /**
     * @param configured whether this dispatcher has an adapter for the message's channel
     * @param turnedOff whether the user's current preferences turn the message's kind off on its channel
     * @return the reason to skip it, or empty to attempt it
     */
    public static Optional<String> reason(final Message message, final boolean configured, final boolean turnedOff) {
        if (turnedOff && message.channel() != Channel.IN_APP) {
            return Optional.of(TURNED_OFF);
        }
        if (!configured) {
            return Optional.of(CHANNEL_DISABLED);
        }
        return switch (message.channel()) {
            case EMAIL, SMS -> blank(message.recipient()) ? Optional.of(NO_RECIPIENT) : Optional.empty();
            case PUSH -> message.pushTokens().stream().allMatch(Skips::blank) ? Optional.of(NO_DEVICE) : Optional.empty();
            case IN_APP -> Optional.empty();
        };
    }

    private static boolean blank(final String s) {
        return s == null || s.isBlank();
    }
}
