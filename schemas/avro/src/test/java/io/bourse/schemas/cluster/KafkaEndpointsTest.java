package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;

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
    void shouldConnectPlainlyWhenNoSettingsAreGiven() {
        assertThat(new KafkaEndpoints("localhost:9092", "http://localhost:8081").clientConfig(Map.of()))
                .containsOnly(Map.entry("bootstrap.servers", "localhost:9092"));
    }
}
