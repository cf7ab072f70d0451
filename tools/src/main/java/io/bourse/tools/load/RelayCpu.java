package io.bourse.tools.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The CPU the relay's own stages use in this JVM: their stream threads and the clients' network
 * threads, told apart by the application ids in their names. The generator's threads and the
 * watches that time the answers are not counted, as the exchange's generator is not.
 */
final class RelayCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> APPLICATION_IDS =
            List.of(RelayNames.RESERVE_APPLICATION_ID, RelayNames.MATCH_APPLICATION_ID, RelayNames.SETTLE_APPLICATION_ID);

    private RelayCpu() {
    }

    /** Whether this JVM can measure threads' CPU time; without it the relay reports no CPU. */
    static boolean supported() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** CPU seconds used so far by the relay's threads that are alive now. */
    static double seconds() {
        long nanos = 0;
        for (final ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && isRelays(thread.getThreadName())) {
                final long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
                if (cpu > 0) {
                    nanos += cpu;
                }
            }
        }
        return nanos / 1e9;
    }

    static boolean isRelays(final String threadName) {
        return APPLICATION_IDS.stream().anyMatch(threadName::contains);
    }
}
