package io.bourse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.yammer.metrics.core.Histogram;
import com.yammer.metrics.core.Metric;
import com.yammer.metrics.core.MetricName;
import com.yammer.metrics.stats.UniformSample;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.metrics.KafkaMetricsGroup;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("broker")
class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldTimeRequestsIntoHistogramsThatAllocateNothingPerUpdateAlsoAfterARestart() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0, 0).start()) {
            produceOne(broker, "before-restart");
            assertUniformAndUpdatedByTheBroker(request("Produce", "TotalTimeMs"));
            assertUniformAndUpdatedByTheBroker(request("Produce", "MessageConversionsTimeMs"));
            assertUniformAndUpdatedByTheBroker(request("Metadata", "LocalTimeMs"));
            assertUniformAndUpdatedByTheBroker(
                    KafkaYammerMetrics.getMetricName("kafka.controller", "ControllerEventManager", "EventQueueTimeMs"));

            // Stopping the broker removes its metrics; the restarted broker must register the uniform ones again.
            broker.restart();
            produceOne(broker, "after-restart");
            assertUniformAndUpdatedByTheBroker(request("Produce", "TotalTimeMs"));
        }
    }

    private static void produceOne(final EmbeddedKafkaBroker broker, final String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "key", "value")).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The histogram the registry holds under the broker's own name must have counted requests (so the
     * broker updates it, not a twin under a name it no longer uses) and sample uniformly.
     */
    private static void assertUniformAndUpdatedByTheBroker(final MetricName name) throws Exception {
        final Metric metric = KafkaYammerMetrics.defaultRegistry().allMetrics().get(name);
        assertThat(metric).as(name.getMBeanName()).isInstanceOf(Histogram.class);
        assertThat(((Histogram) metric).count()).as(name.getMBeanName()).isPositive();
        // Yammer 2.2 does not say which reservoir a histogram has (Kafka pins that version).
        final Field sample = Histogram.class.getDeclaredField("sample");
        sample.setAccessible(true);
        assertThat(sample.get(metric)).as(name.getMBeanName()).isInstanceOf(UniformSample.class);
    }

    private static MetricName request(final String request, final String histogram) {
        return new KafkaMetricsGroup("kafka.network", "RequestMetrics").metricName(histogram, Map.of("request", request));
    }
}
