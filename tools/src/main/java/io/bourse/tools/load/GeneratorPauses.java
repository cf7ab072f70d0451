package io.bourse.tools.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The load generator's own stop-the-world collections. A pause here holds back the sends that fall
 * due in it and the timestamps of the answers that arrive in it, so a step reports them beside the
 * node's: a latency tail the generator caused is not the exchange's.
 */
final class GeneratorPauses {

    private GeneratorPauses() {
    }

    /** @param pauses stop-the-world pauses so far; @param pauseSeconds their total length */
    record Reading(long pauses, double pauseSeconds) {

        /** What happened between {@code earlier} and this reading. */
        Reading since(final Reading earlier) {
            return new Reading(pauses - earlier.pauses, pauseSeconds - earlier.pauseSeconds);
        }
    }

    /** This JVM's totals so far, over every collector that stops the application. */
    static Reading read() {
        long pauses = 0;
        long millis = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (stopsTheWorld(collector.getName()) && collector.getCollectionCount() > 0) {
                pauses += collector.getCollectionCount();
                millis += collector.getCollectionTime();
            }
        }
        return new Reading(pauses, millis / 1e3);
    }

    /**
     * Whether a collector bean counts pauses, not concurrent work: ZGC and Shenandoah report their
     * cycles ("ZGC Cycles", "Shenandoah Cycles"), which run beside the application, apart from their
     * pauses; newer JDKs add G1's concurrent cycles ("G1 Concurrent GC").
     */
    static boolean stopsTheWorld(final String collectorName) {
        return !collectorName.endsWith(" Cycles") && !collectorName.contains("Concurrent");
    }
}
