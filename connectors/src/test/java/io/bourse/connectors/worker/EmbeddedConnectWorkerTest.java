package io.bourse.connectors.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class EmbeddedConnectWorkerTest {

    @Test
    void shouldRefuseToRunOutsideUtcWhereTheSinkWouldShiftTimestamps() {
        assertThatThrownBy(() -> EmbeddedConnectWorker.requireUtc(TimeZone.getTimeZone("Asia/Kolkata")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("-Duser.timezone=UTC");
        assertThatThrownBy(() -> EmbeddedConnectWorker.requireUtc(TimeZone.getTimeZone("Europe/London")))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> EmbeddedConnectWorker.requireUtc(TimeZone.getTimeZone("UTC"))).doesNotThrowAnyException();
        assertThatCode(() -> EmbeddedConnectWorker.requireUtc(TimeZone.getTimeZone("Etc/GMT"))).doesNotThrowAnyException();
    }

    @Test
    void shouldGiveTheClustersSettingsToTheWorkerAndToEveryClientItMakesForConnectors() {
        final KafkaEndpoints cluster = new KafkaEndpoints("broker:9093", "http://registry:8081",
                Map.of("security.protocol", "SASL_SSL", "isolation.level", "read_uncommitted"), "analytics:registry-secret");

        final Map<String, String> config = EmbeddedConnectWorker.workerConfig(cluster, Path.of("connect"), Duration.ofSeconds(5));

        assertThat(config).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("consumer.security.protocol", "SASL_SSL")
                .containsEntry("producer.security.protocol", "SASL_SSL")
                .containsEntry("admin.security.protocol", "SASL_SSL")
                .containsEntry("value.converter.schema.registry.url", "http://registry:8081")
                .containsEntry("value.converter.basic.auth.user.info", "analytics:registry-secret")
                .as("a sink never reads uncommitted records, whatever the settings say")
                .containsEntry("consumer.isolation.level", "read_committed");
    }
}
