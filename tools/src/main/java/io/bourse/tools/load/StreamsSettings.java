package io.bourse.tools.load;

import io.bourse.client.HostedTopologies;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
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
 * @param byTopology what a topology ({@code portfolio}, {@code matching}) sets apart from the values above, as the
 *     node's {@code bourse.streams.by-topology}
 */
public record StreamsSettings(String processingGuarantee, long commitIntervalMs, int lingerMs, int threads, long pollMs,
        Map<String, Tuning> byTopology) {

    /** The node's defaults: matching polls every 10 ms ({@code application.yml}). */
    public static final StreamsSettings NODE_DEFAULTS = new StreamsSettings(StreamsConfig.EXACTLY_ONCE_V2, 100, 5, 1, 100,
            Map.of(HostedTopologies.MATCHING, new Tuning(null, 10L)));

    /** The options that set them, named like the node's {@code bourse.streams.*} properties. */
    static final Set<String> OPTIONS = Set.of("processing-guarantee", "commit-interval-ms", "linger-ms", "stream-threads", "poll-ms",
            "portfolio-commit-interval-ms", "matching-commit-interval-ms", "portfolio-poll-ms", "matching-poll-ms");

    /**
     * What one topology sets for itself; null takes the common value.
     *
     * @param commitIntervalMs its {@code commit.interval.ms}
     * @param pollMs its {@code poll.ms}
     */
    public record Tuning(Long commitIntervalMs, Long pollMs) {
        public Tuning {
            if (commitIntervalMs != null && commitIntervalMs < 1 || pollMs != null && pollMs < 1) {
                throw new IllegalArgumentException("--portfolio-* and --matching-* intervals are positive");
            }
        }
    }

    /** Settings with the same values for every topology. */
    public StreamsSettings(final String processingGuarantee, final long commitIntervalMs, final int lingerMs, final int threads,
            final long pollMs) {
        this(processingGuarantee, commitIntervalMs, lingerMs, threads, pollMs, Map.of());
    }

    public StreamsSettings {
        byTopology = Map.copyOf(byTopology);
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
            throw new IllegalArgumentException("--commit-interval-ms, --linger-ms, --stream-threads, --poll-ms and their "
                    + "--portfolio-* and --matching-* forms take whole numbers", e);
        }
    }

    /**
     * A topology's own settings: those named for it, else the node's default for it. As on the node, a topology's own
     * value wins over the common one: {@code --poll-ms=100} leaves matching at its 10 ms unless {@code --matching-poll-ms}
     * says otherwise.
     */
    private static Map<String, Tuning> byTopology(final Map<String, String> named) {
        final Map<String, Tuning> tunings = new HashMap<>();
        for (final String topology : List.of(HostedTopologies.PORTFOLIO, HostedTopologies.MATCHING)) {
            final Tuning node = NODE_DEFAULTS.byTopology.getOrDefault(topology, new Tuning(null, null));
            final Tuning tuning = new Tuning(optionOf(named, topology, "commit-interval-ms", node.commitIntervalMs()),
                    optionOf(named, topology, "poll-ms", node.pollMs()));
            if (tuning.commitIntervalMs() != null || tuning.pollMs() != null) {
                tunings.put(topology, tuning);
            }
        }
        return tunings;
    }

    private static Long optionOf(final Map<String, String> named, final String topology, final String option, final Long nodeDefault) {
        final String value = named.get(topology + "-" + option);
        return value == null ? nodeDefault : Long.valueOf(value);
    }

    /** The commit interval of {@code topology}: its own if set, else the common one. */
    long commitIntervalMs(final String topology) {
        return own(topology, Tuning::commitIntervalMs, commitIntervalMs);
    }

    /** The poll wait of {@code topology}: its own if set, else the common one. */
    long pollMs(final String topology) {
        return own(topology, Tuning::pollMs, pollMs);
    }

    private long own(final String topology, final Function<Tuning, Long> setting, final long common) {
        final Tuning own = byTopology.get(topology);
        final Long value = own == null ? null : setting.apply(own);
        return value == null ? common : value;
    }

    /** Puts these settings, as the node gives them to {@code topology}, into a Kafka Streams configuration. */
    void applyTo(final Map<String, Object> config, final String topology) {
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs(topology));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMs);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        config.put(StreamsConfig.POLL_MS_CONFIG, pollMs(topology));
    }

    /** One line naming every setting, printed with each run so a figure carries the configuration it was measured with. */
    String describe() {
        final StringBuilder own = new StringBuilder();
        new TreeMap<>(byTopology).forEach((topology, tuning) -> own.append(String.format(Locale.ROOT, " (%s: commit %s, poll %s)",
                topology, tuning.commitIntervalMs() == null ? "-" : tuning.commitIntervalMs() + " ms",
                tuning.pollMs() == null ? "-" : tuning.pollMs() + " ms")));
        return String.format(Locale.ROOT, "processing.guarantee=%s commit.interval.ms=%d linger.ms=%d num.stream.threads=%d "
                + "poll.ms=%d%s%s", processingGuarantee, commitIntervalMs, lingerMs, threads, pollMs, own,
                equals(NODE_DEFAULTS) ? " (the node's defaults)" : "");
    }
}
