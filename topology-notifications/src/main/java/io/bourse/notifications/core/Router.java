package io.bourse.notifications.core;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which channels one event goes to for one user at one instant. Deterministic: the instant is the
 * event's timestamp, never the clock, so a replay routes the same way.
 *
 * <p>Quiet hours hold SMS and push only: the in-app inbox is read when the user chooses, and e-mail is
 * sent at once (a mail client decides itself whether to ring; delaying it would need a schedule and
 * would reorder it against the in-app copy). Security kinds ignore quiet hours.
 */
public final class Router {

    /** What happens on one channel. */
    public enum Decision {
        /** Write a notification for the channel. */
        SEND,
        /** The user turned the kind off on this channel (or it is off by default). */
        OFF,
        /** The channel has no address yet: no e-mail, phone or push token. */
        NO_CONTACT,
        /** SMS or push during the user's quiet hours: dropped, not delayed (the in-app copy stays). */
        QUIET_HOURS
    }

    private Router() {
    }

    /** The decision for every channel, in {@link Channel} order. */
    public static Map<Channel, Decision> decide(final NotificationKind kind, final Preferences preferences, final Instant at) {
        final Map<Channel, Decision> decisions = new EnumMap<>(Channel.class);
        final boolean quiet = !kind.security() && preferences.quietHours().contains(at, preferences.zone());
        for (final Channel channel : Channel.values()) {
            final Decision decision;
            if (!preferences.enabled(kind, channel)) {
                decision = Decision.OFF;
            } else if (!preferences.reachable(channel)) {
                decision = Decision.NO_CONTACT;
            } else if (quiet && (channel == Channel.SMS || channel == Channel.PUSH)) {
                decision = Decision.QUIET_HOURS;
            } else {
                decision = Decision.SEND;
            }
            decisions.put(channel, decision);
        }
        return Collections.unmodifiableMap(decisions);
    }

    /** The channels to write a notification for, in {@link Channel} order. */
    public static List<Channel> channels(final NotificationKind kind, final Preferences preferences, final Instant at) {
        return decide(kind, preferences, at).entrySet().stream().filter(e -> e.getValue() == Decision.SEND)
                .map(Map.Entry::getKey).toList();
    }
}
