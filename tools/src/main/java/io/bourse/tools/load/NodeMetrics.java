package io.bourse.tools.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the node under load reports on its {@code /actuator/prometheus}: the CPU time it has used
 * ({@code process_cpu_time_ns_total}), so a step can report how many cores the node kept busy and
 * how much CPU each command cost it, and its stop-the-world collections ({@code jvm_gc_pause_seconds}),
 * so a latency tail can be told apart from a collector's pause. CPU is a steadier measure than the
 * rate at which a shared machine saturates. Only the node at {@code --http} is counted, not the rest
 * of a cluster.
 */
final class NodeMetrics {

    static final String CPU = "process_cpu_time_ns_total";
    static final String GC_PAUSE_COUNT = "jvm_gc_pause_seconds_count{";
    static final String GC_PAUSE_SUM = "jvm_gc_pause_seconds_sum{";
    /** Micrometer's {@code action} tag of a collection of the whole heap (ParallelGC's and Serial's full GC, G1's fallback). */
    static final String MAJOR = "action=\"end of major GC\"";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    NodeMetrics(final String http) {
        this.metrics = URI.create(http + "/actuator/prometheus");
    }

    /**
     * The node's totals so far.
     *
     * @param cpuSeconds CPU seconds the process has used
     * @param pauses the collector's stop-the-world pauses, of every kind
     * @param pauseSeconds their total length
     * @param fullPauses those of them that collected the whole heap
     * @param fullPauseSeconds their total length
     */
    record Reading(double cpuSeconds, long pauses, double pauseSeconds, long fullPauses, double fullPauseSeconds) {

        /** What happened between {@code earlier} and this reading. */
        Reading since(final Reading earlier) {
            return new Reading(cpuSeconds - earlier.cpuSeconds, pauses - earlier.pauses, pauseSeconds - earlier.pauseSeconds,
                    fullPauses - earlier.fullPauses, fullPauseSeconds - earlier.fullPauseSeconds);
        }
    }

    /** The node's totals so far, or empty when its metrics cannot be read (then the report leaves CPU and GC out). */
    Optional<Reading> read() {
        try {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : Optional.empty();
        } catch (final IOException e) {
            return Optional.empty();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The totals in a Prometheus text exposition; empty without {@value #CPU}. Pauses are summed over
     * every collector and cause Micrometer tags them with.
     */
    static Optional<Reading> parse(final String exposition) {
        double cpuNanos = Double.NaN;
        long pauses = 0;
        double pauseSeconds = 0;
        long fullPauses = 0;
        double fullSeconds = 0;
        for (final String line : exposition.split("\n")) {
            if (line.startsWith(CPU + " ")) {
                cpuNanos = value(line);
            } else if (line.startsWith(GC_PAUSE_COUNT)) {
                pauses += (long) value(line);
                fullPauses += line.contains(MAJOR) ? (long) value(line) : 0;
            } else if (line.startsWith(GC_PAUSE_SUM)) {
                pauseSeconds += value(line);
                fullSeconds += line.contains(MAJOR) ? value(line) : 0;
            }
        }
        return Double.isNaN(cpuNanos) ? Optional.empty()
                : Optional.of(new Reading(cpuNanos / 1e9, pauses, pauseSeconds, fullPauses, fullSeconds));
    }

    /** The sample's value: what follows the last space (a label value may hold spaces). */
    private static double value(final String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
    }

    /** One line on the machine the generator runs on, so a result carries where it was measured. */
    static String machine() {
        return String.format("machine: %d cores, %s, load average %s, Java %s", Runtime.getRuntime().availableProcessors(),
                lines(Path.of("/proc/cpuinfo")).filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse(System.getProperty("os.arch")),
                lines(Path.of("/proc/loadavg")).map(l -> String.join(" ", Arrays.copyOf(l.split(" "), 3))).findFirst().orElse("unknown"),
                System.getProperty("java.version"));
    }

    /** The lines of {@code file}, or none where the system has no such file (not Linux). */
    private static Stream<String> lines(final Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (final IOException e) {
            return Stream.empty();
        }
    }
}
