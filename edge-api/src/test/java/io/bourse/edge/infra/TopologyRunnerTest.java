package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.edge.BourseProperties;
import io.bourse.edge.NodeSettings;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TopologyRunnerTest {

    private static final KafkaEndpoints ENDPOINTS = new KafkaEndpoints("localhost:9092", "http://localhost:8081");

    @Test
    void shouldGiveEveryTopologyTheNodesRecordCacheAndItsOwnCommitIntervalAndPollWait() {
        final TopologyRunner runner = new TopologyRunner(properties(Map.of(
                "bourse.streams.cache-max-bytes", "2097152",
                "bourse.streams.commit-interval-ms", "100",
                "bourse.streams.by-topology.portfolio.commit-interval-ms", "20")), ENDPOINTS, 8080);

        final Map<String, Object> portfolio = runner.streamsConfig(TopologyRunner.PORTFOLIO, "bourse-portfolio");
        final Map<String, Object> matching = runner.streamsConfig(TopologyRunner.MATCHING, "bourse-matching");

        assertThat(portfolio).containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 2_097_152L)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20L)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:8080");
        assertThat(matching).containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 2_097_152L)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 10L);
        assertThat(portfolio).containsEntry(StreamsConfig.POLL_MS_CONFIG, 100L);
    }

    @Test
    void shouldKeepTheRecordCacheSmallWhenNothingIsSet() {
        final TopologyRunner runner = new TopologyRunner(properties(Map.of()), ENDPOINTS, 8080);

        assertThat(runner.streamsConfig(TopologyRunner.MARKETDATA, "bourse-marketdata"))
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1_048_576L);
    }

    @Test
    void shouldGiveTheConsumersTheSessionTimeoutAndTheProducersTheTransactionTimeoutAFailoverWaitsFor() {
        final TopologyRunner runner = new TopologyRunner(properties(Map.of(
                "bourse.streams.session-timeout", "3s",
                "bourse.streams.transaction-timeout", "4s")), ENDPOINTS, 8080);
        final TopologyRunner defaults = new TopologyRunner(properties(Map.of()), ENDPOINTS, 8080);

        assertThat(runner.streamsConfig(TopologyRunner.PORTFOLIO, "bourse-portfolio"))
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 3_000)
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 4_000);
        assertThat(defaults.streamsConfig(TopologyRunner.MATCHING, "bourse-matching"))
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 10_000);
    }

    @Test
    void shouldLeaveTheSocketBuffersToTheKernelUnlessTheOperatorSetsThem() {
        final KafkaEndpoints tuned = new KafkaEndpoints("localhost:9092", "http://localhost:8081",
                Map.of("receive.buffer.bytes", "1048576", "security.protocol", "SSL"), null);

        assertThat(new TopologyRunner(properties(Map.of()), ENDPOINTS, 8080).streamsConfig(TopologyRunner.PORTFOLIO, "bourse-portfolio"))
                .containsEntry(StreamsConfig.RECEIVE_BUFFER_CONFIG, -1).containsEntry(StreamsConfig.SEND_BUFFER_CONFIG, -1);
        assertThat(new TopologyRunner(properties(Map.of()), tuned, 8080).streamsConfig(TopologyRunner.PORTFOLIO, "bourse-portfolio"))
                .containsEntry(StreamsConfig.RECEIVE_BUFFER_CONFIG, "1048576").containsEntry(StreamsConfig.SEND_BUFFER_CONFIG, -1)
                .containsEntry("security.protocol", "SSL");
    }

    private static BourseProperties properties(final Map<String, String> settings) {
        final Map<String, String> all = new HashMap<>(settings);
        all.put("bourse.data-dir", "target/topology-runner-test");
        return NodeSettings.bind(all);
    }
}
