package io.bourse.tools.load;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The generators' fixed schedule: each command is due at a set instant, sent then (or as soon as
 * the generator can), and every latency counts from the due time, so a generator that falls behind
 * does not hide the wait (no coordinated omission). How late it sent is recorded on its own.
 */
final class Pacing {

    private Pacing() {
    }

    /** Parks until {@code dueNanos} ({@link System#nanoTime()} time). */
    static void awaitDue(final long dueNanos) {
        while (System.nanoTime() < dueNanos) {
            LockSupport.parkNanos(Math.min(50_000, dueNanos - System.nanoTime()));
        }
    }

    /** Records how long after {@code dueNanos} the command goes out, in microseconds, capped at what {@code late} holds. */
    static void recordLateness(final Histogram late, final long dueNanos) {
        late.recordValue(Math.min(late.getHighestTrackableValue(), Math.max(0, (System.nanoTime() - dueNanos) / 1_000)));
    }
}
