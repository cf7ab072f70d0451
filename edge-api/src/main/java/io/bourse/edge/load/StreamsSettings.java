package io.bourse.edge.load;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings the node runs its topologies with, as far as they set the pace of an
 * exactly-once stage; the baseline relay runs with the same ones. The defaults are the node's own
 * ({@code bourse.streams} in {@code application.yml}; the node leaves {@code poll.ms} at Kafka Streams'
 * default). A node configured otherwise is matched with the options of the same names.
 *
 * @param processingGuarantee {@code processing.guarantee}
 * @param commitIntervalMs {@code commit.interval.ms}: under exactly-once, when a stage's output becomes readable
 * @param lingerMs the stages' producers' {@code linger.ms}
 * @param threads {@code num.stream.threads} of each stage
 * @param pollMs {@code poll.ms}: how long a stream thread blocks in a poll that finds nothing
 */
public record StreamsSettings(String processingGuarantee, long commitIntervalMs, int lingerMs, int threads, long pollMs) {

    /** The node's defaults. */
    public static final StreamsSettings NODE_DEFAULTS = new StreamsSettings(StreamsConfig.EXACTLY_ONCE_V2, 100, 5, 2,
            (Long) StreamsConfig.configDef().defaultValues().get(StreamsConfig.POLL_MS_CONFIG));

    /** The options that set them, named like the node's {@code bourse.streams.*} properties. */
    static final Set<String> OPTIONS = Set.of("processing-guarantee", "commit-interval-ms", "linger-ms", "stream-threads", "poll-ms");

    public StreamsSettings {
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
                    Long.parseLong(named.getOrDefault("poll-ms", String.valueOf(NODE_DEFAULTS.pollMs))));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--commit-interval-ms, --linger-ms, --stream-threads and --poll-ms take whole numbers", e);
        }
    }

    /** Puts these settings into a Kafka Streams configuration. */
    void applyTo(final Map<String, Object> config) {
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMs);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        config.put(StreamsConfig.POLL_MS_CONFIG, pollMs);
    }

    /** One line naming every setting, printed with each run so a figure carries the configuration it was measured with. */
    String describe() {
        return String.format(Locale.ROOT, "processing.guarantee=%s commit.interval.ms=%d linger.ms=%d num.stream.threads=%d poll.ms=%d%s",
                processingGuarantee, commitIntervalMs, lingerMs, threads, pollMs, equals(NODE_DEFAULTS) ? " (the node's defaults)" : "");
    }
}
