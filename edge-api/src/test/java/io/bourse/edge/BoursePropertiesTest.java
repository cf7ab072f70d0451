package io.bourse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.schemas.catalogue.PartitionCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoursePropertiesTest {

    @Test
    void shouldGiveEachTopologyItsOwnCommitIntervalAndThreadsAndTheNodesOtherwise() {
        final BourseProperties.Streams streams = bind(Map.of(
                "bourse.streams.commit-interval-ms", "100",
                "bourse.streams.threads", "2",
                "bourse.streams.by-topology.portfolio.commit-interval-ms", "20",
                "bourse.streams.by-topology.marketdata.threads", "1")).streams();

        assertThat(streams.commitIntervalMs("portfolio")).isEqualTo(20);
        assertThat(streams.threads("portfolio")).isEqualTo(2);
        assertThat(streams.commitIntervalMs("marketdata")).as("application.yml's own for market data").isEqualTo(1000);
        assertThat(streams.threads("marketdata")).isEqualTo(1);
        assertThat(streams.commitIntervalMs("matching")).isEqualTo(100);
        assertThat(streams.pollMs("matching")).as("application.yml's own for matching").isEqualTo(10);
        assertThat(streams.threads("matching")).isEqualTo(2);
    }

    @Test
    void shouldBindPerTopologySettingsFromEnvironmentVariablesAsTheBenchmarkScriptsSetThem() {
        final BourseProperties properties = NodeSettings.bind(Map.of(), Map.of(
                "BOURSE_STREAMS_COMMITINTERVALMS", "100",
                "BOURSE_STREAMS_THREADS", "2",
                "BOURSE_STREAMS_BYTOPOLOGY_PORTFOLIO_COMMITINTERVALMS", "25",
                "BOURSE_KAFKA_USERPARTITIONS", "2",
                "BOURSE_KAFKA_SYMBOLPARTITIONS", "3"));

        assertThat(properties.streams().commitIntervalMs("portfolio")).isEqualTo(25);
        assertThat(properties.streams().commitIntervalMs("matching")).isEqualTo(100);
        assertThat(properties.kafka().partitions()).isEqualTo(new PartitionCounts(2, 3));
    }

    @Test
    void shouldCommitTheOrdersPathOftenAndWhatIsNotOnItOnceASecondWhenNothingIsSet() {
        final BourseProperties.Streams streams = bind(Map.of("bourse.data-dir", "x"))
                .streams();

        assertThat(streams.byTopology()).containsOnlyKeys("matching", "marketdata", "notifications");
        assertThat(streams.commitIntervalMs("portfolio")).isEqualTo(100);
        assertThat(streams.pollMs("portfolio")).isEqualTo(100);
        // Matching's input comes in bursts, at each portfolio commit: it polls often enough to see that a burst is
        // worked off and commit its tail then (CommitWhenCaughtUp), not at its next interval.
        assertThat(streams.commitIntervalMs("matching")).isEqualTo(100);
        assertThat(streams.pollMs("matching")).isEqualTo(10);
        assertThat(streams.commitIntervalMs("marketdata")).isEqualTo(1000);
        assertThat(streams.commitIntervalMs("notifications")).isEqualTo(1000);
        assertThat(streams.threads("matching")).isEqualTo(1);
        assertThat(streams.cacheMaxBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void shouldGiveOneTopologyItsOwnPollWaitFromAnEnvironmentVariable() {
        final BourseProperties.Streams streams = NodeSettings.bind(Map.of(), Map.of(
                "BOURSE_STREAMS_POLLMS", "50",
                "BOURSE_STREAMS_BYTOPOLOGY_MATCHING_POLLMS", "5")).streams();

        assertThat(streams.pollMs("matching")).isEqualTo(5);
        assertThat(streams.pollMs("portfolio")).isEqualTo(50);
        assertThat(streams.pollMs("marketdata")).as("its own commit interval set, its poll wait not").isEqualTo(50);
    }

    @Test
    void shouldTakeTheRecordCacheSizeFromAnEnvironmentVariable() {
        assertThat(NodeSettings.bind(Map.of(), Map.of("BOURSE_STREAMS_CACHEMAXBYTES", "10485760")).streams().cacheMaxBytes())
                .isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void shouldRefuseANegativeRecordCache() {
        assertThatThrownBy(() -> bind(Map.of("bourse.streams.cache-max-bytes", "-1")))
                .rootCause().hasMessageContaining("bourse.streams.cache-max-bytes");
    }

    @Test
    void shouldCreateTopicsWithSixPartitionsOfEachKindWhenNothingIsSet() {
        assertThat(bind(Map.of("bourse.data-dir", "x")).kafka().partitions())
                .isEqualTo(PartitionCounts.DEFAULT)
                .isEqualTo(new PartitionCounts(6, 6));
    }

    @Test
    void shouldPassKafkaClientSettingsOnByTheirKafkaNames() {
        final BourseProperties.Kafka kafka = bind(Map.of(
                "bourse.kafka.client.[security.protocol]", "SASL_SSL",
                "bourse.kafka.client.[sasl.mechanism]", "SCRAM-SHA-512")).kafka();

        assertThat(kafka.client()).containsOnly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void shouldTakeKafkaClientSettingsFromEnvironmentVariables() {
        assertThat(NodeSettings.bind(Map.of(), Map.of("BOURSE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL")).kafka().client())
                .containsOnly(Map.entry("security.protocol", "SASL_SSL"));
    }

    @Test
    void shouldRefuseTheClustersAddressAmongTheClientSettings() {
        assertThatThrownBy(() -> bind(Map.of(
                "bourse.kafka.client.[bootstrap.servers]", "elsewhere:9092")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("bourse.kafka.bootstrap-servers");
    }

    /** Over the node's application.yml, where the defaults are written. */
    private static BourseProperties bind(final Map<String, String> settings) {
        return NodeSettings.bind(settings);
    }
}
