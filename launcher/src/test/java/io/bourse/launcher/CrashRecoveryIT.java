package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.matching.Trade;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.testing.Ports;
import io.bourse.testing.broker.TopicReader;
import io.bourse.tools.audit.AuditChecks;
import io.bourse.tools.audit.AuditMain;
import io.bourse.tools.audit.Backlog;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Kill -9 under load, for real: the broker runs in one JVM (the embedded module's launcher), a node
 * with the simulator in another. The node is killed at seeded random moments and restarted, the
 * broker once too; each time trading must resume, and at the end — after the load stops and the
 * topics drain — the audit must find every invariant intact: no trade, fill or ledger entry lost or
 * duplicated. Runs after packaging (failsafe), since it starts the built jars. Prints its seed and
 * the time to resume after each restart.
 */
@Tag("broker")
class CrashRecoveryIT {

    /** Five by default; a soak runs more: {@code ./mvnw -pl launcher -am verify -Dbourse.crashKills=50}. */
    private static final int NODE_KILLS = Integer.getInteger("bourse.crashKills", 5);

    /** A graceful stop ends within about ten seconds (NodeStopTest); a JVM's own exit adds a little. */
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(20);
    private static final Duration KILLED_WITHIN = Duration.ofSeconds(30);

    private final List<Process> processes = new ArrayList<>();
    private Path dir;
    private boolean passed;

    @AfterEach
    void stopAll() throws Exception {
        processes.forEach(Process::destroyForcibly);
        for (final Process process : processes) {
            ended(process, KILLED_WITHIN);
        }
        // Half a gigabyte of broker and node data per run: kept only when the run failed, for its logs.
        if (dir != null && passed) {
            FileSystemUtils.deleteRecursively(dir);
        } else if (dir != null) {
            System.out.println("CrashRecoveryIT kept its data and the processes' logs in " + dir);
        }
    }

    @Test
    void shouldLoseAndDuplicateNothingAcrossKillsOfTheNodeAndTheBroker() throws Exception {
        final long seed = Long.getLong("bourse.seed", System.nanoTime());
        System.out.println("CrashRecoveryIT seed=" + seed + " (replay with -Dbourse.seed=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);
        dir = Files.createTempDirectory("bourse-crash");
        final int kafkaPort = Ports.free();
        final int registryPort = Ports.free();
        final String bootstrap = "localhost:" + kafkaPort;
        final String registry = "http://localhost:" + registryPort;

        Process broker = startBroker(kafkaPort, registryPort);
        final int httpPort = Ports.free();
        Process node = startNode(bootstrap, registry, httpPort, true);
        final TradeWatcher trades = new TradeWatcher(bootstrap, registry);
        try {
            awaitTradeAfter(trades, 0, Duration.ofSeconds(150));
            for (int kill = 1; kill <= NODE_KILLS; kill++) {
                Thread.sleep(3_000 + random.nextInt(7_000));
                ended(node.destroyForcibly(), KILLED_WITHIN);
                final long restartedAt = System.currentTimeMillis();
                node = startNode(bootstrap, registry, httpPort, true);
                final long resumedAt = awaitTradeAfter(trades, restartedAt, Duration.ofSeconds(120));
                System.out.printf("kill -9 #%d of the node: trading resumed %d ms after the restart%n", kill, resumedAt - restartedAt);
            }
            Thread.sleep(2_000 + random.nextInt(3_000));
            ended(broker.destroyForcibly(), KILLED_WITHIN);
            final long brokerRestartedAt = System.currentTimeMillis();
            broker = startBroker(kafkaPort, registryPort);
            final long resumedAt = awaitTradeAfter(trades, brokerRestartedAt, Duration.ofSeconds(180));
            System.out.printf("kill -9 of the broker: trading resumed %d ms after its restart%n", resumedAt - brokerRestartedAt);

            // Stop the load, let every topology finish what is in flight, then audit.
            // SIGTERM: the node stops gracefully, and must within seconds, even while the simulator trades.
            final long stopping = System.nanoTime();
            node.destroy();
            ended(node, STOPPED_WITHIN);
            System.out.printf("SIGTERM to the node: it stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
            node = startNode(bootstrap, registry, httpPort, false);
            // Audit only once every topology has processed everything written: otherwise the trades
            // compared below could still be growing while the commands are replayed.
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                final List<String> report = new ArrayList<>();
                final List<AuditChecks.Violation> violations = AuditMain.run(bootstrap, registry, report::add);
                report.forEach(System.out::println);
                return violations.isEmpty() && Backlog.of(bootstrap, registry).isEmpty();
            });
            assertThat(trades.count.get()).as("trades seen").isGreaterThan(50);

            // Nothing here is poison: a dead letter would be a valid command the exchange dropped.
            final List<String> deadLetters = new ArrayList<>();
            TopicReader.readToEnd(bootstrap, Topics.DEAD_LETTERS.name(),
                    Topics.DEAD_LETTERS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry)).deserializer(),
                    r -> deadLetters.add("%s %s-%d@%d: %s".formatted(r.value().getErrorCode(), r.value().getSourceTopic(),
                            r.value().getSourcePartition(), r.value().getSourceOffset(), r.value().getErrorMessage())));
            deadLetters.forEach(d -> System.out.println("dead letter: " + d));

            // Determinism: the same commands into a fresh matching topology give byte-identical trades.
            final Map<String, List<String>> committed = MatchingReplay.committedTrades(bootstrap);
            final List<String> differences = MatchingReplay.differences(committed, MatchingReplay.replayedTrades(bootstrap, registry));
            differences.forEach(System.out::println);
            assertThat(differences).as("replayed trades that differ from the committed ones").isEmpty();
            assertThat(deadLetters).as("valid records dead-lettered").isEmpty();
            System.out.printf("replayed matching.commands: %d symbols, %d trades, byte-identical%n", committed.size(),
                    committed.values().stream().mapToInt(List::size).sum());
            passed = true;
        } finally {
            trades.close();
        }
    }

    private Process startBroker(final int kafkaPort, final int registryPort) throws IOException {
        final Process p = start("broker", List.of("java", "-Xmx384m", "-jar", jar("../embedded/target", "bourse-embedded-", "-exec.jar")),
                Map.of("BOURSE_DATA_DIR", dir.resolve("broker").toString(), "BOURSE_KAFKA_PORT", Integer.toString(kafkaPort),
                        "BOURSE_REGISTRY_PORT", Integer.toString(registryPort)));
        await().atMost(Duration.ofSeconds(90)).until(() -> listening(registryPort));
        return p;
    }

    /** Waits, for a bounded time, until {@code process} has ended; fails the test otherwise. */
    private static void ended(final Process process, final Duration within) throws InterruptedException {
        assertThat(process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("process %d ended within %s", process.pid(), within).isTrue();
    }

    private Process startNode(final String bootstrap, final String registry, final int port, final boolean simulator) throws IOException {
        return start("node", List.of("java", "-Xmx768m", "-jar", jar("target", "bourse-launcher", ".jar"),
                "--server.port=" + port, "--bourse.data-dir=" + dir.resolve("node"),
                "--bourse.kafka.bootstrap-servers=" + bootstrap, "--bourse.kafka.schema-registry-url=" + registry,
                "--bourse.simulator.enabled=" + simulator, "--bourse.simulator.orders-per-second=40",
                "--bourse.security.jwt-secret=crash-recovery-secret-of-32-bytes!!",
                "--bourse.payments.webhook-secret=crash-recovery-webhook-secret",
                // The simulator seeds the published demo accounts: allowed on this throwaway cluster only.
                "--bourse.security.allow-demo-accounts=true"), Map.of());
    }

    private Process start(final String name, final List<String> command, final Map<String, String> env) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        final Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static String jar(final String folder, final String prefix, final String suffix) {
        final File[] found = new File(folder).listFiles((d, n) -> n.startsWith(prefix) && n.endsWith(suffix));
        assertThat(found).as("built jar %s*%s in %s (run after package)", prefix, suffix, folder).isNotEmpty();
        return found[0].getAbsolutePath();
    }

    private static boolean listening(final int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private static long awaitTradeAfter(final TradeWatcher trades, final long afterMs, final Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(200)).until(() -> trades.lastSeenAt.get() > afterMs);
        return trades.lastSeenAt.get();
    }

    /** Follows trades.executed (committed only) and remembers when the latest arrived. */
    private static final class TradeWatcher implements AutoCloseable {
        final AtomicLong count = new AtomicLong();
        final AtomicLong lastSeenAt = new AtomicLong();
        private final AtomicReference<Boolean> running = new AtomicReference<>(true);
        private final Thread thread;

        TradeWatcher(final String bootstrap, final String registry) {
            thread = new Thread(() -> {
                try (KafkaConsumer<String, Trade> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                        Topics.TRADES_EXECUTED.keySerde().deserializer(),
                        Topics.TRADES_EXECUTED.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry)).deserializer())) {
                    final List<TopicPartition> partitions = new ArrayList<>();
                    for (int p = 0; p < Topics.TRADES_EXECUTED.partitions(); p++) {
                        partitions.add(new TopicPartition(Topics.TRADES_EXECUTED.name(), p));
                    }
                    consumer.assign(partitions);
                    while (running.get()) {
                        try {
                            final int n = consumer.poll(Duration.ofMillis(200)).count();
                            if (n > 0) {
                                count.addAndGet(n);
                                lastSeenAt.set(System.currentTimeMillis());
                            }
                        } catch (final RuntimeException brokerDown) {
                            // the broker is being killed; keep polling
                        }
                    }
                }
            }, "trade-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
