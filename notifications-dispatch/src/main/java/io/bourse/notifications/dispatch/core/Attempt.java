package io.bourse.notifications.dispatch.core;

import java.util.Objects;

/** The outcome of one delivery attempt, as a value: the provider's refusals are not exceptions. */
public sealed interface Attempt {

    /** The provider accepted it; {@code providerId} is its id for what it accepted, if it gives one. */
    record Accepted(String providerId) implements Attempt {
    }

    /**
     * Worth trying again later: a 5xx, a 429, a timeout, a refused connection, an SMTP 4xx.
     *
     * @param code a stable code, e.g. {@code HTTP_503}, {@code TIMEOUT}, {@code SMTP_421}
     */
    record Transient(String code, String detail) implements Attempt {
        public Transient {
            Objects.requireNonNull(code, "code");
        }
    }

    /** Will fail the same way again: a 4xx (but 429), an SMTP 5xx, an invalid address or token. */
    record Permanent(String code, String detail) implements Attempt {
        public Permanent {
            Objects.requireNonNull(code, "code");
        }
    }

    /** The reason as written to the status and the dead letter: code, then the provider's words. */
    static String reason(final String code, final String detail) {
        return detail == null || detail.isBlank() ? code : code + ": " + (detail.length() > 500 ? detail.substring(0, 500) : detail);
    }
}
