package io.bourse.launcher.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.BourseNode;
import io.bourse.launcher.DemoExchange;
import io.bourse.testing.Ports;
import io.bourse.tools.audit.AuditMain;
import io.bourse.launcher.sim.ExchangeSeeder;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.embedded.EmbeddedKafkaBroker;
import io.bourse.embedded.EmbeddedKafkaCluster;
import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.catalogue.PartitionCounts;
import io.bourse.schemas.catalogue.PortfolioNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A broker dies under load: the exchange runs on a three-broker cluster (three replicas, two in sync),
 * orders arrive at a steady seeded rate, and the broker that leads the hottest partitions and
 * coordinates the topologies' transactions is killed, left down past its session, and started again on
 * its data. Every order the cluster acknowledged must get its verdict exactly once, nothing may be
 * dead-lettered, and the audit must find every invariant intact. Prints its seed, the broker it killed
 * and how long verdicts stopped.
 */
@Tag("broker")
class BrokerFailoverIT {

    private static final int ORDERS_PER_SECOND = Integer.getInteger("bourse.failover.rate", 200);
    /** The partitions that grow fastest under the load, all led by the broker that is killed. */
    private static final int HOT_PARTITIONS = 8;

    private final List<AutoCloseable> open = new ArrayList<>();
    private Path dir;
    private boolean passed;

    @AfterEach
    void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (passed) {
            FileSystemUtils.deleteRecursively(dir);
        } else if (dir != null) {
            System.out.println("BrokerFailoverIT kept its data in " + dir);
        }
    }

    @Test
    void shouldLoseAndDuplicateNothingWhenTheBrokerLeadingTheHottestPartitionsAndCoordinatingTransactionsDies() throws Exception {
        final long seed = Long.getLong("bourse.seed", System.nanoTime());
        System.out.println("BrokerFailoverIT seed=" + seed + " (replay with -Dbourse.seed=" + seed + ")");
        dir = Files.createDirectories(Path.of("target", "test-data")).resolve("broker-failover-" + seed).toAbsolutePath();
        final EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(dir.resolve("cluster"), 3);
        final EmbeddedInfrastructure infra = EmbeddedInfrastructure.cluster(cluster, 0, PartitionCounts.DEFAULT).start();
        open.add(infra);
        final String bootstrap = infra.bootstrapServers();
        final String registry = infra.schemaRegistryUrl();
        final ConfigurableApplicationContext node = new SpringApplicationBuilder(BourseNode.class, DemoExchange.class).run(
                FailoverSupport.nodeArguments(bootstrap, registry, dir.resolve("node"), Ports.free())
                        .toArray(String[]::new));
        open.add(node);
        await().atMost(Duration.ofSeconds(60)).until(() -> FailoverSupport.running(node));
        final List<String> traders = FailoverSupport.seedTraders(node, 8, email -> true);
        FailoverSupport.awaitQuiet(bootstrap, registry, Duration.ofSeconds(60));

        final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        open.add(admin);
        final OrderFlow flow = new OrderFlow(bootstrap, registry, seed, traders, ExchangeSeeder.INSTRUMENTS, ORDERS_PER_SECOND);
        open.add(flow);
        flow.start();

        // The hottest partitions: those that grew most over two seconds of load.
        final List<TopicPartition> partitions = partitions(admin);
        final Map<TopicPartition, Long> before = ends(admin, partitions);
        final long sentBefore = flow.sent();
        await().atMost(Duration.ofSeconds(30)).until(() -> flow.sent() >= sentBefore + 2L * ORDERS_PER_SECOND);
        final Map<TopicPartition, Long> after = ends(admin, partitions);
        final List<TopicPartition> hottest = partitions.stream()
                .sorted(Comparator.comparingLong((TopicPartition p) -> after.get(p) - before.get(p)).reversed())
                .limit(HOT_PARTITIONS).toList();

        // The transaction coordinator of most of the order path's stream threads, made leader of the hottest partitions.
        final Map<Integer, Long> coordinated = coordinators(admin);
        final int victim = coordinated.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        lead(admin, victim, hottest);
        System.out.printf("Killing broker %d: coordinator of %d of the order path's %d transactional ids %s, leader of the %d hottest "
                + "partitions %s%n", victim, coordinated.get(victim), coordinated.values().stream().mapToLong(Long::longValue).sum(),
                coordinated, HOT_PARTITIONS, hottest.stream().map(p -> p + "+" + (after.get(p) - before.get(p))).toList());

        final EmbeddedKafkaBroker broker = cluster.broker(victim);
        final long killedAt = System.currentTimeMillis();
        broker.kill();
        final long sentAtKill = flow.sent();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> flow.firstVerdictFor(killedAt, p -> true).isPresent());
        final long resumedMs = flow.firstVerdictFor(killedAt, p -> true).getAsLong() - killedAt;
        // Down past its session: the controller fenced it, and the load ran on two brokers for a while.
        await().atMost(Duration.ofSeconds(60)).until(() -> !brokers(admin).contains(victim)
                && flow.sent() >= sentAtKill + 5L * ORDERS_PER_SECOND);
        final long downMs = System.currentTimeMillis() - killedAt;

        final long restartedAt = System.currentTimeMillis();
        broker.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> fullyInSync(admin, partitions));
        final long inSyncMs = System.currentTimeMillis() - restartedAt;
        final long sentAtRestart = flow.sent();
        await().atMost(Duration.ofSeconds(30)).until(() -> flow.sent() >= sentAtRestart + 3L * ORDERS_PER_SECOND);
        flow.stop();

        FailoverSupport.awaitQuiet(bootstrap, registry, Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(30)).until(() -> flow.awaitingVerdict() == 0);
        System.out.printf("Broker %d killed under %d orders/s: first verdict %d ms after the kill; down %d ms; all %d partitions "
                + "back in sync %d ms after its restart; %d orders sent, %d acknowledged, events %s%n", victim, ORDERS_PER_SECOND,
                resumedMs, downMs, partitions.size(), inSyncMs, flow.sent(), flow.acknowledged(), flow.tally());

        assertThat(flow.failed()).as("orders the cluster refused to acknowledge").isEmpty();
        assertThat(flow.problems()).as("orders without exactly one verdict").isEmpty();
        assertThat(flow.tally().getOrDefault(io.bourse.avro.orders.OrderEventType.FILL, 0L)).as("fills").isGreaterThan(100);
        final AuditMain.Report audit = FailoverSupport.audit(bootstrap, registry);
        assertThat(audit.violations()).as("audit violations").isEmpty();
        assertThat(audit.skippedCount()).as("records the audit could not read").isZero();
        assertThat(FailoverSupport.deadLetters(bootstrap, registry)).as("valid records dead-lettered").isEmpty();
        passed = true;
    }

    /** Every partition of the exchange's topics and its topologies' changelogs and repartition topics. */
    private static List<TopicPartition> partitions(final Admin admin) throws Exception {
        final Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(n -> !n.startsWith("_")).collect(Collectors.toSet());
        final List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic -> topic.partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
        return partitions;
    }

    private static Map<TopicPartition, Long> ends(final Admin admin, final List<TopicPartition> partitions) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    /** Broker id to how many of the portfolio's and matching's transactional ids it coordinates. */
    private static Map<Integer, Long> coordinators(final Admin admin) throws Exception {
        final List<String> ids = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                .map(TransactionListing::transactionalId)
                .filter(id -> id.startsWith(PortfolioNames.APPLICATION_ID) || id.startsWith(MatchingNames.APPLICATION_ID)).toList();
        assertThat(ids).as("the order path's transactional ids").isNotEmpty();
        final Map<String, TransactionDescription> described = admin.describeTransactions(ids).all().get(30, TimeUnit.SECONDS);
        return described.values().stream().collect(Collectors.groupingBy(TransactionDescription::coordinatorId, LinkedHashMap::new,
                Collectors.counting()));
    }

    /** Makes {@code broker} the preferred leader of {@code partitions} (first replica, same replica set) and elects it. */
    private static void lead(final Admin admin, final int broker, final List<TopicPartition> partitions) throws Exception {
        final Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new HashMap<>();
        for (final TopicPartition partition : partitions) {
            final List<Integer> replicas = new ArrayList<>(info(admin, partition).replicas().stream().map(Node::id).toList());
            assertThat(replicas).as("replicas of %s", partition).contains(broker);
            replicas.remove(Integer.valueOf(broker));
            replicas.add(0, broker);
            moves.put(partition, Optional.of(new NewPartitionReassignment(replicas)));
        }
        admin.alterPartitionReassignments(moves).all().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.listPartitionReassignments().reassignments()
                .get(30, TimeUnit.SECONDS).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            // "Election not needed" for those it already leads; the others move.
            admin.electLeaders(ElectionType.PREFERRED, Set.copyOf(partitions)).partitions().get(30, TimeUnit.SECONDS);
            for (final TopicPartition partition : partitions) {
                final Node leader = info(admin, partition).leader();
                if (leader == null || leader.id() != broker) {
                    return false;
                }
            }
            return true;
        });
    }

    private static TopicPartitionInfo info(final Admin admin, final TopicPartition partition) throws Exception {
        final TopicDescription topic = admin.describeTopics(Set.of(partition.topic())).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(partition.topic());
        return topic.partitions().get(partition.partition());
    }

    private static Set<Integer> brokers(final Admin admin) throws Exception {
        return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
    }

    private static boolean fullyInSync(final Admin admin, final List<TopicPartition> partitions) throws Exception {
        final Set<String> topics = partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                .flatMap(t -> t.partitions().stream()).allMatch(p -> p.isr().size() == p.replicas().size());
    }
}
