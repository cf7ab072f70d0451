package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.TestData;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.launcher.sim.StartupSeeding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node stops within seconds whatever it is doing: while seeding waits for verdicts that will never
 * come, and while the simulator trades through every topology. Closing the context is what SIGTERM
 * and Ctrl-C do through the shutdown hook. Prints how long each stop took.
 */
@Tag("broker")
class NodeStopTest {

    /** The bound the issue asks for; the parts that make it up are a few seconds each (docs). */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    private ConfigurableApplicationContext node;

    @AfterEach
    void closeLeftover() {
        if (node != null && node.isActive()) {
            node.close();
        }
    }

    @Test
    void shouldStopWithinSecondsWhileSeedingWaitsForAVerdictThatCannotCome() {
        // Without the portfolio no account verdict is ever published: seeding waits on its first registration.
        node = start("bourse-stop-seeding", "--bourse.topologies=marketdata");
        await().atMost(Duration.ofSeconds(90)).until(() -> seedingWaitsForAVerdict().isPresent());
        final Thread seeding = seedingWaitsForAVerdict().orElseThrow();

        final Duration took = stop();

        System.out.println("NodeStopTest: stopped during seeding in " + took.toMillis() + " ms");
        assertThat(took).isLessThan(STOP_WITHIN);
        assertThat(seeding.isAlive()).as("the seeding thread ended").isFalse();
    }

    @Test
    void shouldStopWithinSecondsWhileTheSimulatorTrades() {
        node = start("bourse-stop-trading", "--bourse.simulator.orders-per-second=100");
        final TopologyRunner topologies = node.getBean(TopologyRunner.class);
        await().atMost(Duration.ofSeconds(120)).until(() -> topologies.all().values().stream()
                .allMatch(s -> s.state() == KafkaStreams.State.RUNNING) && simulatorRunning());

        final Duration took = stop();

        System.out.println("NodeStopTest: stopped under simulator load in " + took.toMillis() + " ms");
        assertThat(took).isLessThan(STOP_WITHIN);
        assertThat(topologies.all()).isEmpty();
    }

    private Duration stop() {
        final long started = System.nanoTime();
        node.close();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static ConfigurableApplicationContext start(final String name, final String... extra) {
        final Path dir = TestData.directory(name);
        final String[] args = {
            "--server.port=0",
            "--bourse.data-dir=" + dir,
            "--bourse.kafka.embedded-kafka-port=0",
            "--bourse.kafka.embedded-registry-port=0",
            "--bourse.simulator.enabled=true",
            "--bourse.security.jwt-secret=a-node-stop-test-secret-of-32-bytes!!"};
        final String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return Launcher.start(all);
    }

    /** The seeding thread, if it is waiting inside a verdict wait. */
    private static Optional<Thread> seedingWaitsForAVerdict() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(StartupSeeding.SEED_THREAD) && e.getKey().isAlive())
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("await")
                        && f.getClassName().endsWith(".Outcomes")))
                .map(java.util.Map.Entry::getKey).findFirst();
    }

    private static boolean simulatorRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("bourse-simulator") && t.isAlive());
    }
}
