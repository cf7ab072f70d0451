package io.bourse.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real multi-node KRaft cluster on loopback in this JVM, for tests of what a production cluster
 * survives: every node is broker and controller (a static quorum of all of them), topics get
 * {@value #REPLICATION_FACTOR} replicas and {@code min.insync.replicas} {@value #MIN_IN_SYNC_REPLICAS}
 * (so a write acknowledged by {@code acks=all} is on two brokers), and so do the consumer offsets and
 * the transaction state log, the coordinators exactly-once depends on.
 *
 * <p>Each node keeps its data under {@code dataDir/broker-<id>} and can be {@linkplain EmbeddedKafkaBroker#kill()
 * killed} and started again on it. Nodes stop without a controlled shutdown, as a crash leaves them: the
 * partitions they lead stay leaderless until the controller fences them ({@code broker.session.timeout.ms}).
 * The single broker of {@link EmbeddedInfrastructure}'s default is unchanged.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    public static final short REPLICATION_FACTOR = 3;
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    private final List<EmbeddedKafkaBroker> brokers;

    /** A cluster of {@code size} nodes (at least {@value #REPLICATION_FACTOR}) on free ports, with data under {@code dataDir}. */
    public EmbeddedKafkaCluster(final Path dataDir, final int size) {
        this(dataDir, size, Map.of());
    }

    /** @param overrides broker settings every node takes on top of the cluster's, e.g. a shorter session timeout */
    public EmbeddedKafkaCluster(final Path dataDir, final int size, final Map<String, String> overrides) {
        if (size < REPLICATION_FACTOR) {
            throw new IllegalArgumentException("A cluster needs at least " + REPLICATION_FACTOR + " brokers, not " + size);
        }
        final int[] ports = IntStream.range(0, size).map(i -> EmbeddedKafkaBroker.freePort()).toArray();
        final int[] controllerPorts = IntStream.range(0, size).map(i -> EmbeddedKafkaBroker.freePort()).toArray();
        final String voters = IntStream.range(0, size).mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        final List<EmbeddedKafkaBroker> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            final int nodeId = i + 1;
            members.add(EmbeddedKafkaBroker.clusterMember(dataDir.resolve("broker-" + nodeId), nodeId, ports[i], controllerPorts[i],
                    voters, settings(overrides)));
        }
        this.brokers = List.copyOf(members);
    }

    private static Map<String, String> settings(final Map<String, String> overrides) {
        final String replicas = Short.toString(REPLICATION_FACTOR);
        final String minInSync = Integer.toString(MIN_IN_SYNC_REPLICAS);
        final Map<String, String> settings = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("default.replication.factor", replicas),
                Map.entry("min.insync.replicas", minInSync),
                Map.entry("offsets.topic.replication.factor", replicas),
                Map.entry("transaction.state.log.replication.factor", replicas),
                Map.entry("transaction.state.log.min.isr", minInSync),
                Map.entry("share.coordinator.state.topic.replication.factor", replicas),
                Map.entry("share.coordinator.state.topic.min.isr", minInSync),
                Map.entry("unclean.leader.election.enable", "false"),
                // A stop is a crash: no leadership handed over first (see the class comment).
                Map.entry("controlled.shutdown.enable", "false")));
        settings.putAll(overrides);
        return Map.copyOf(settings);
    }

    /** Starts every node that is not running, side by side (a node waits for a quorum of the others), and waits for them. */
    public EmbeddedKafkaCluster start() {
        onEach(brokers.stream().filter(b -> !b.isRunning()).toList(), EmbeddedKafkaBroker::start);
        return this;
    }

    /** Stops every node, side by side; data stays on disk. */
    public void stop() {
        onEach(brokers, EmbeddedKafkaBroker::stop);
    }

    /** The node with KRaft id {@code nodeId} (1 to {@link #size()}). */
    public EmbeddedKafkaBroker broker(final int nodeId) {
        if (nodeId < 1 || nodeId > brokers.size()) {
            throw new IllegalArgumentException("No broker " + nodeId + " in a cluster of " + brokers.size());
        }
        return brokers.get(nodeId - 1);
    }

    public List<EmbeddedKafkaBroker> brokers() {
        return brokers;
    }

    public int size() {
        return brokers.size();
    }

    /** Every node's address: a client reaches the cluster whichever of them is down. */
    public String bootstrapServers() {
        return brokers.stream().map(EmbeddedKafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        stop();
    }

    private static void onEach(final List<EmbeddedKafkaBroker> nodes, final Consumer<EmbeddedKafkaBroker> action) {
        final List<CompletableFuture<Void>> done = nodes.stream()
                .map(b -> CompletableFuture.runAsync(() -> action.accept(b), runnable -> {
                    final Thread thread = new Thread(runnable, "bourse-cluster-node-" + b.nodeId());
                    thread.setDaemon(true);
                    thread.start();
                }))
                .toList();
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        } catch (final CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
