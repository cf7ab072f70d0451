package io.bourse.tools.load;

import io.bourse.client.HostedTopologies;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings the node runs its topologies with, as far as they set the pace of an
 * exactly-once stage; the baseline relay runs with the same ones. The defaults are the node's own
 * ({@code bourse.streams} in {@code application.yml}). A node configured otherwise is matched with the
 * options of the same names.
 *
 * @param processingGuarantee {@code processing.guarantee}
 * @param commitIntervalMs {@code commit.interval.ms}: under exactly-once, when a stage's output becomes readable
 * @param lingerMs the stages' producers' {@code linger.ms}
 * @param threads {@code num.stream.threads} of each stage
 * @param pollMs {@code poll.ms}: how long a stream thread blocks in a poll that finds nothing
 * @param commitIntervalByTopology the commit interval of a topology ({@code portfolio}, {@code matching}) where it
 *     differs from {@code commitIntervalMs}, as the node's {@code bourse.streams.by-topology}
 */
public record StreamsSettings(String processingGuarantee, long commitIntervalMs, int lingerMs, int threads, long pollMs,
        Map<String, Long> commitIntervalByTopology) {

    /** The node's defaults. */
    public static final StreamsSettings NODE_DEFAULTS = new StreamsSettings(StreamsConfig.EXACTLY_ONCE_V2, 100, 5, 1, 100);

    /** The options that set them, named like the node's {@code bourse.streams.*} properties. */
    static final Set<String> OPTIONS = Set.of("processing-guarantee", "commit-interval-ms", "linger-ms", "stream-threads", "poll-ms",
            "portfolio-commit-interval-ms", "matching-commit-interval-ms");

    /** Settings with one commit interval for every topology. */
    public StreamsSettings(final String processingGuarantee, final long commitIntervalMs, final int lingerMs, final int threads,
            final long pollMs) {
        this(processingGuarantee, commitIntervalMs, lingerMs, threads, pollMs, Map.of());
    }

    public StreamsSettings {
        commitIntervalByTopology = Map.copyOf(commitIntervalByTopology);
        if (commitIntervalByTopology.values().stream().anyMatch(ms -> ms < 1)) {
            throw new IllegalArgumentException("--portfolio-commit-interval-ms and --matching-commit-interval-ms are positive");
        }
        if (!processingGuarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) && !processingGuarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new IllegalArgumentException("--processing-guarantee is exactly_once_v2 or at_least_once, not " + processingGuarantee);
        }
        if (commitIntervalMs < 1 || lingerMs < 0 || threads < 1 || pollMs < 1) {
            throw new IllegalArgumentException("--commit-interval-ms, --stream-threads and --poll-ms are positive, "
                    + "--linger-ms is not negative");
        }
    }

    /** The settings {@code named} options give, the node's defaults for the rest. */
    static StreamsSettings from(final Map<String, String> named) {
        try {
            return new StreamsSettings(named.getOrDefault("processing-guarantee", NODE_DEFAULTS.processingGuarantee),
                    Long.parseLong(named.getOrDefault("commit-interval-ms", String.valueOf(NODE_DEFAULTS.commitIntervalMs))),
                    Integer.parseInt(named.getOrDefault("linger-ms", String.valueOf(NODE_DEFAULTS.lingerMs))),
                    Integer.parseInt(named.getOrDefault("stream-threads", String.valueOf(NODE_DEFAULTS.threads))),
                    Long.parseLong(named.getOrDefault("poll-ms", String.valueOf(NODE_DEFAULTS.pollMs))), byTopology(named));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--commit-interval-ms, --linger-ms, --stream-threads and --poll-ms take whole numbers", e);
        }
    }

    private static Map<String, Long> byTopology(final Map<String, String> named) {
        final Map<String, Long> intervals = new HashMap<>();
        for (final String topology : List.of(HostedTopologies.PORTFOLIO, HostedTopologies.MATCHING)) {
            final String value = named.get(topology + "-commit-interval-ms");
            if (value != null) {
                intervals.put(topology, Long.parseLong(value));
            }
        }
        return intervals;
    }

    /** The commit interval of {@code topology}: its own if set, else the common one. */
    long commitIntervalMs(final String topology) {
        return commitIntervalByTopology.getOrDefault(topology, commitIntervalMs);
    }

    /** Puts these settings, as the node gives them to {@code topology}, into a Kafka Streams configuration. */
    void applyTo(final Map<String, Object> config, final String topology) {
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs(topology));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMs);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        config.put(StreamsConfig.POLL_MS_CONFIG, pollMs);
    }

    /** One line naming every setting, printed with each run so a figure carries the configuration it was measured with. */
    String describe() {
        final StringBuilder own = new StringBuilder();
        new TreeMap<>(commitIntervalByTopology).forEach((topology, ms) -> own.append(String.format(Locale.ROOT, " (%s: %d)", topology, ms)));
        return String.format(Locale.ROOT, "processing.guarantee=%s commit.interval.ms=%d%s linger.ms=%d num.stream.threads=%d "
                + "poll.ms=%d%s", processingGuarantee, commitIntervalMs, own, lingerMs, threads, pollMs,
                equals(NODE_DEFAULTS) ? " (the node's defaults)" : "");
    }
}
