package io.bourse.notifications.dispatch.channels;

import io.bourse.notifications.dispatch.core.Attempt;
import java.io.IOException;
import java.net.http.HttpTimeoutException;

/** HTTP answers and network failures as attempt outcomes, the same way for every HTTP provider. */
final class HttpOutcomes {

    private HttpOutcomes() {
    }

    /** A failed status: 5xx, 408 and 429 are worth retrying; any other 4xx will fail the same way again. */
    static Attempt failure(final int status, final String body) {
        final String code = "HTTP_" + status;
        if (status >= 500 || status == 408 || status == 429) {
            return new Attempt.Transient(code, body);
        }
        return new Attempt.Permanent(code, body);
    }

    /** The network failed before an answer: the provider may or may not have the message, so it is retried. */
    static Attempt network(final IOException e) {
        return new Attempt.Transient(e instanceof HttpTimeoutException ? "TIMEOUT" : "NETWORK", e.getClass().getSimpleName() + " "
                + e.getMessage());
    }
}
