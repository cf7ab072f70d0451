package io.bourse.schemas.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEndpointsTest {

    private final KafkaEndpoints endpoints = new KafkaEndpoints("broker:9093", "http://registry:8081",
            Map.of("security.protocol", "SASL_SSL", "isolation.level", "read_uncommitted"), "reader:registry-secret");

    @Test
    void shouldGiveEveryClientTheClustersAddressAndTheNodesClientSettings() {
        assertThat(endpoints.clientConfig(Map.of("client.id", "follower")))
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("client.id", "follower");
    }

    @Test
    void shouldKeepTheClientsOwnSettingWhereTheNodesSettingsDiffer() {
        assertThat(endpoints.clientConfig(Map.of("isolation.level", "read_committed")))
                .containsEntry("isolation.level", "read_committed");
    }

    @Test
    void shouldGiveEverySerdeTheRegistrysCredentialsAndKeepThemOutOfTheDescription() {
        assertThat(endpoints.serdeConfig()).containsOnly(Map.entry("schema.registry.url", "http://registry:8081"),
                Map.entry("basic.auth.user.info", "reader:registry-secret"));
        assertThat(endpoints.toString()).doesNotContain("registry-secret").contains("security.protocol");
        assertThat(new KafkaEndpoints("localhost:9092", "http://localhost:8081").serdeConfig())
                .containsOnly(Map.entry("schema.registry.url", "http://localhost:8081"));
    }

    @Test
    void shouldConnectPlainlyWithAutotunedSocketBuffersWhenNoSettingsAreGiven() {
        assertThat(new KafkaEndpoints("localhost:9092", "http://localhost:8081").clientConfig(Map.of()))
                .containsOnly(Map.entry("bootstrap.servers", "localhost:9092"), Map.entry("receive.buffer.bytes", -1),
                        Map.entry("send.buffer.bytes", -1));
    }

    @Test
    void shouldLetTheNodesSettingsAndTheClientsOwnChooseTheSocketBuffers() {
        final KafkaEndpoints tuned = new KafkaEndpoints("broker:9093", "http://registry:8081",
                Map.of("receive.buffer.bytes", "1048576"), null);

        assertThat(tuned.clientConfig(Map.of())).containsEntry("receive.buffer.bytes", "1048576")
                .containsEntry("send.buffer.bytes", -1);
        assertThat(tuned.clientConfig(Map.of("send.buffer.bytes", 131_072))).containsEntry("send.buffer.bytes", 131_072);
    }

    @Test
    void shouldReadTheClientSettingsAndTheRegistrysCredentialsFromTheEnvironmentAsANodeDoes() {
        final KafkaEndpoints fromEnvironment = KafkaEndpoints.fromEnvironment("broker:9093", "http://registry:8081", Map.of(
                "BOURSE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "BOURSE_KAFKA_CLIENT_SASL_JAAS_CONFIG", "PlainLoginModule required;",
                "BOURSE_SCHEMA_REGISTRY_USER_INFO", "reader:registry-secret",
                "BOURSE_KAFKA_PORT", "9092",
                "PATH", "/usr/bin"));

        assertThat(fromEnvironment.clientSettings()).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.jaas.config", "PlainLoginModule required;"));
        assertThat(fromEnvironment.serdeConfig()).containsEntry("basic.auth.user.info", "reader:registry-secret");
        assertThat(KafkaEndpoints.fromEnvironment("broker:9093", "http://registry:8081", Map.of("PATH", "/usr/bin")))
                .isEqualTo(new KafkaEndpoints("broker:9093", "http://registry:8081"));
    }

    @Test
    void shouldRefuseTheClustersAddressAmongTheClientSettings() {
        assertThatThrownBy(() -> KafkaEndpoints.fromEnvironment("broker:9093", "http://registry:8081",
                Map.of("BOURSE_KAFKA_CLIENT_BOOTSTRAP_SERVERS", "elsewhere:9092")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BOURSE_BOOTSTRAP_SERVERS");
    }
}
