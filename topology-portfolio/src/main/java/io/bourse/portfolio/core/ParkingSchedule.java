package io.bourse.portfolio.core;

/**
 * When a provider report that arrived before its deposit intent is looked up again, and when it is
 * given up. The lookup is retried as the report's age crosses 1 s, 2 s, 4 s, ... (doubling), at most
 * {@link #MAX_RETRIES} times, and given up once it is {@link #GIVE_UP_AFTER_MS} old: a bounded number
 * of lookups per report, however long the intent takes, instead of one every second.
 *
 * <p>Ages are milliseconds since the report's own timestamp (when the edge received the webhook).
 */
public final class ParkingSchedule {

    /** The first retry, at this age; each next one at twice the age of the one before. */
    public static final long FIRST_RETRY_MS = 1_000;
    /** A report whose intent is still unknown at this age is recorded as matching no intent. */
    public static final long GIVE_UP_AFTER_MS = 600_000;
    /** How many retries a report gets before it is given up (1 s, 2 s, ..., 512 s). */
    public static final int MAX_RETRIES = 10;

    private ParkingSchedule() {
    }

    /**
     * Whether a report whose age was {@code ageBeforeMs} at the previous look and is {@code ageNowMs}
     * now is due a retry: a retry age lies in {@code (ageBeforeMs, ageNowMs]}.
     */
    public static boolean due(final long ageBeforeMs, final long ageNowMs) {
        long at = FIRST_RETRY_MS;
        for (int retry = 0; retry < MAX_RETRIES; retry++, at *= 2) {
            if (ageBeforeMs < at && at <= ageNowMs) {
                return true;
            }
        }
        return false;
    }

    /** Whether a report of age {@code ageMs} whose intent is still unknown is given up. */
    public static boolean givenUp(final long ageMs) {
        return ageMs >= GIVE_UP_AFTER_MS;
    }
}
