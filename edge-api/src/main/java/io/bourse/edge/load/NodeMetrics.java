package io.bourse.edge.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The CPU time the node under load has used, read from its {@code /actuator/prometheus}
 * ({@code process_cpu_time_ns_total}), so a step can report how many cores the node kept busy and
 * how much CPU each command cost it. That is a steadier measure than the rate at which a shared
 * machine saturates. Only the node at {@code --http} is counted, not the rest of a cluster.
 */
final class NodeCpu {

    static final String METRIC = "process_cpu_time_ns_total";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    NodeCpu(final String http) {
        this.metrics = URI.create(http + "/actuator/prometheus");
    }

    /** The node's CPU seconds so far, or empty when its metrics cannot be read (then the report leaves CPU out). */
    OptionalDouble seconds() {
        try {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? cpuSeconds(response.body()) : OptionalDouble.empty();
        } catch (final IOException e) {
            return OptionalDouble.empty();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** {@value #METRIC} from a Prometheus text exposition, in seconds. */
    static OptionalDouble cpuSeconds(final String exposition) {
        for (final String line : exposition.split("\n")) {
            if (line.startsWith(METRIC + " ")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(METRIC.length() + 1).trim()) / 1e9);
            }
        }
        return OptionalDouble.empty();
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
