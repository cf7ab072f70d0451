package io.bourse.notifications.dispatch.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one message.
 *
 * @param reason null when sent
 * @param attempts attempts made, 0 when skipped
 */
public record Settlement(Status status, String reason, int attempts, String providerId, Duration latency) {

    /** The delivery statuses. */
    public enum Status {
        SENT, FAILED, SKIPPED
    }

    public Settlement {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
    }

    public static Settlement skipped(final String reason) {
        return new Settlement(Status.SKIPPED, reason, 0, null, Duration.ZERO);
    }
}
