package io.bourse.edge;

import static org.awaitility.Awaitility.await;

import io.bourse.edge.infra.TopologyRunner;
import io.bourse.embedded.EmbeddedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node of the edge's tests on a broker the test already runs: its port, state directory, cluster
 * and registry, the simulator off, forwarding to itself by {@code localhost}. Each test adds its own
 * arguments (a node joining a cluster needs its JWT and webhook secrets), none of them repeating these.
 */
public final class TestNodes {

    private TestNodes() {
    }

    /** Starts a node and returns at once, while its topologies may still be joining their groups. */
    public static ConfigurableApplicationContext run(final EmbeddedInfrastructure infra, final Path dataDir, final int port,
            final String... extra) {
        return new SpringApplicationBuilder(BourseNode.class).run(Stream.concat(Stream.of(
                "--server.port=" + port,
                "--bourse.data-dir=" + dataDir,
                "--bourse.kafka.bootstrap-servers=" + infra.bootstrapServers(),
                "--bourse.kafka.schema-registry-url=" + infra.schemaRegistryUrl(),
                "--bourse.simulator.enabled=false",
                "--bourse.streams.advertised-host-port=localhost:" + port), Stream.of(extra)).toArray(String[]::new));
    }

    /** Starts a node and returns once every topology it hosts runs. */
    public static ConfigurableApplicationContext start(final EmbeddedInfrastructure infra, final Path dataDir, final int port,
            final String... extra) {
        final ConfigurableApplicationContext node = run(infra, dataDir, port, extra);
        await().atMost(Duration.ofSeconds(120)).until(() -> node.getBean(TopologyRunner.class).all().values().stream()
                .allMatch(s -> s.state() == KafkaStreams.State.RUNNING));
        return node;
    }
}
