package io.bourse.notifications.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the notifications topology.
 *
 * @param conflationWindow how long a burst of one order's partial fills is gathered into one message
 * @param closeInterval how often, in stream time, open conflation windows are checked for their end
 * @param paymentDedupRetention how long a payment event's id is remembered to drop its replays; a
 *     payment event older than this behind stream time is not notified at all (it can no longer be told
 *     from a replay, and it is news no more)
 * @param inboxCapacity how many in-app notifications a user's inbox keeps; the oldest fall out
 */
public record NotificationsConfig(Duration conflationWindow, Duration closeInterval, Duration paymentDedupRetention,
        int inboxCapacity) {

    /** Inbox capacity unless configured: the inbox is one store record per user, rewritten on each change. */
    public static final int DEFAULT_INBOX_CAPACITY = 100;

    public static final NotificationsConfig DEFAULTS =
            new NotificationsConfig(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofDays(30), DEFAULT_INBOX_CAPACITY);

    public NotificationsConfig(final Duration conflationWindow, final Duration closeInterval, final Duration paymentDedupRetention) {
        this(conflationWindow, closeInterval, paymentDedupRetention, DEFAULT_INBOX_CAPACITY);
    }

    public NotificationsConfig {
        Objects.requireNonNull(conflationWindow, "conflationWindow");
        Objects.requireNonNull(closeInterval, "closeInterval");
        Objects.requireNonNull(paymentDedupRetention, "paymentDedupRetention");
        if (inboxCapacity < 1) {
            throw new IllegalArgumentException("inbox capacity must be positive: " + inboxCapacity);
        }
        if (closeInterval.isNegative() || closeInterval.isZero() || paymentDedupRetention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("close interval must be positive and dedup retention at least a minute: " + this);
        }
    }
}
