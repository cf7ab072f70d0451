package io.bourse.edge.infra;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The few Kafka Streams metrics an operator watches, one gauge per topology each, named as Micrometer's
 * Kafka binder names them ({@code kafka.stream.alive.stream.threads}, ...) so dashboards keep working.
 *
 * <p>Micrometer's {@code KafkaStreamsMetrics} binds every one of a client's thousands of metrics (per
 * task, store, partition and topic) and re-checks them all every minute; on the node that check cost
 * about a seventh of its CPU under load, in bursts that showed in the latency tail. These gauges find
 * their metrics in one pass over {@link KafkaStreams#metrics()}, at scrape time and at most every
 * {@link #REFRESH_MS}, and aggregate over the topology's threads and clients (a sum for rates and
 * counts, the maximum for latencies and lag).
 */
final class StreamsMeters {

    static final long REFRESH_MS = 30_000;

    /** Whether a metric's values across threads and clients add up or the largest one tells. */
    private enum Fold { SUM, MAX }

    /** The metrics kept: Kafka's group and name, and how they fold into one value per topology. */
    enum Watched {
        ALIVE_STREAM_THREADS("stream-metrics", "alive-stream-threads", Fold.SUM),
        FAILED_STREAM_THREADS("stream-metrics", "failed-stream-threads", Fold.SUM),
        PROCESS_RATE("stream-thread-metrics", "process-rate", Fold.SUM),
        PROCESS_LATENCY_MAX("stream-thread-metrics", "process-latency-max", Fold.MAX),
        COMMIT_RATE("stream-thread-metrics", "commit-rate", Fold.SUM),
        COMMIT_LATENCY_AVG("stream-thread-metrics", "commit-latency-avg", Fold.MAX),
        COMMIT_LATENCY_MAX("stream-thread-metrics", "commit-latency-max", Fold.MAX),
        POLL_RATE("stream-thread-metrics", "poll-rate", Fold.SUM),
        RECORDS_LAG_MAX("consumer-fetch-manager-metrics", "records-lag-max", Fold.MAX),
        RECORD_SEND_RATE("producer-metrics", "record-send-rate", Fold.SUM),
        TXN_COMMIT_TIME_NS_TOTAL("producer-metrics", "txn-commit-time-ns-total", Fold.SUM);

        private final String group;
        private final String name;
        private final Fold fold;

        Watched(final String group, final String name, final Fold fold) {
            this.group = group;
            this.name = name;
            this.fold = fold;
        }

        /** Micrometer's Kafka binder's name: {@code kafka.} + the group without {@code -metrics} + the name, dotted. */
        String meterName() {
            return ("kafka." + group.replace("-metrics", "") + "." + name).replace('-', '.');
        }

        /** A client-wide metric: per-topic and per-partition break-downs carry a topic tag and are left out. */
        boolean matches(final MetricName metric) {
            return metric.group().equals(group) && metric.name().equals(name) && !metric.tags().containsKey("topic");
        }
    }

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final LongSupplier clock;
    private Map<Watched, List<Metric>> found = Map.of();
    private long foundAtMs;
    private boolean looked;

    StreamsMeters(final Supplier<Map<MetricName, ? extends Metric>> metrics, final LongSupplier clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Registers one gauge per {@link Watched} metric, tagged with the topology. */
    static StreamsMeters bind(final KafkaStreams streams, final String topology, final MeterRegistry registry) {
        return new StreamsMeters(streams::metrics, System::currentTimeMillis).bindTo(topology, registry);
    }

    StreamsMeters bindTo(final String topology, final MeterRegistry registry) {
        for (final Watched watched : Watched.values()) {
            Gauge.builder(watched.meterName(), this, m -> m.value(watched))
                    .tag("topology", topology)
                    .description("Kafka Streams' " + watched.name + " (" + watched.group + "), "
                            + (watched.fold == Fold.SUM ? "summed" : "the largest") + " over the topology's threads and clients")
                    .register(registry);
        }
        return this;
    }

    /** The watched metric's value now, folded over the topology's threads and clients; NaN while it has none. */
    synchronized double value(final Watched watched) {
        final long now = clock.getAsLong();
        if (!looked || now - foundAtMs >= REFRESH_MS) {
            found = find(metrics.get());
            foundAtMs = now;
            looked = true;
        }
        double folded = Double.NaN;
        for (final Metric metric : found.getOrDefault(watched, List.of())) {
            if (metric.metricValue() instanceof Number number && Double.isFinite(number.doubleValue())) {
                final double v = number.doubleValue();
                folded = Double.isNaN(folded) ? v : watched.fold == Fold.SUM ? folded + v : Math.max(folded, v);
            }
        }
        return folded;
    }

    private static Map<Watched, List<Metric>> find(final Map<MetricName, ? extends Metric> metrics) {
        final Map<Watched, List<Metric>> byWatched = new EnumMap<>(Watched.class);
        metrics.forEach((name, metric) -> {
            for (final Watched watched : Watched.values()) {
                if (watched.matches(name)) {
                    byWatched.computeIfAbsent(watched, w -> new ArrayList<>()).add(metric);
                }
            }
        });
        return byWatched;
    }
}
