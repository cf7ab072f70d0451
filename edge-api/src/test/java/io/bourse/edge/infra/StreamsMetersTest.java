package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamsMetersTest {

    private final Metrics kafka = new Metrics();
    private final AtomicLong now = new AtomicLong(1_000_000);

    @AfterEach
    void close() {
        kafka.close();
    }

    private void gauge(final String group, final String name, final double value, final Map<String, String> tags) {
        kafka.addMetric(kafka.metricName(name, group, tags), (Gauge<Double>) (config, nowMs) -> value);
    }

    private StreamsMeters meters() {
        return new StreamsMeters(kafka::metrics, now::get);
    }

    @Test
    void ratesAddUpOverThreadsAndLatenciesTakeTheLargest() {
        gauge("stream-thread-metrics", "process-rate", 300, Map.of("thread-id", "t1"));
        gauge("stream-thread-metrics", "process-rate", 200, Map.of("thread-id", "t2"));
        gauge("stream-thread-metrics", "commit-latency-max", 7, Map.of("thread-id", "t1"));
        gauge("stream-thread-metrics", "commit-latency-max", 19, Map.of("thread-id", "t2"));
        final StreamsMeters meters = meters();

        assertThat(meters.value(StreamsMeters.Watched.PROCESS_RATE)).isEqualTo(500);
        assertThat(meters.value(StreamsMeters.Watched.COMMIT_LATENCY_MAX)).isEqualTo(19);
    }

    @Test
    void perTopicBreakDownsAreLeftOutAndAMissingMetricIsNaN() {
        gauge("consumer-fetch-manager-metrics", "records-lag-max", 12, Map.of("client-id", "c"));
        gauge("consumer-fetch-manager-metrics", "records-lag-max", 900, Map.of("client-id", "c", "topic", "orders.commands"));
        final StreamsMeters meters = meters();

        assertThat(meters.value(StreamsMeters.Watched.RECORDS_LAG_MAX)).isEqualTo(12);
        assertThat(meters.value(StreamsMeters.Watched.FAILED_STREAM_THREADS)).isNaN();
    }

    @Test
    void metricsThatAppearLaterAreFoundAtTheNextRefreshNotOnEveryRead() {
        final StreamsMeters meters = meters();
        assertThat(meters.value(StreamsMeters.Watched.ALIVE_STREAM_THREADS)).isNaN();

        gauge("stream-metrics", "alive-stream-threads", 2, Map.of("client-id", "c"));
        now.addAndGet(StreamsMeters.REFRESH_MS - 1);
        assertThat(meters.value(StreamsMeters.Watched.ALIVE_STREAM_THREADS)).as("still the first look's metrics").isNaN();

        now.addAndGet(1);
        assertThat(meters.value(StreamsMeters.Watched.ALIVE_STREAM_THREADS)).isEqualTo(2);
    }

    @Test
    void gaugesKeepTheNamesMicrometersKafkaBinderGaveThemTaggedByTopology() {
        gauge("stream-metrics", "alive-stream-threads", 1, Map.of("client-id", "c"));
        final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters().bindTo("portfolio", prometheus);

        assertThat(prometheus.scrape()).contains("kafka_stream_alive_stream_threads{topology=\"portfolio\"} 1.0");
        final SimpleMeterRegistry simple = new SimpleMeterRegistry();
        meters().bindTo("matching", simple);
        assertThat(simple.get("kafka.producer.txn.commit.time.ns.total").tag("topology", "matching").gauge()).isNotNull();
    }
}
