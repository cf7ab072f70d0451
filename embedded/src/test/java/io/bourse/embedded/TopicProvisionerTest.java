package io.bourse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static io.bourse.schemas.catalogue.Partitioning.BY_SYMBOL;
import static io.bourse.schemas.catalogue.Partitioning.BY_USER;
import static io.bourse.schemas.catalogue.Partitioning.SINGLE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.avro.orders.OrderCommand;
import io.bourse.schemas.catalogue.PartitionCounts;
import io.bourse.schemas.catalogue.Partitioning;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.TopicProvisioner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioner against a real broker: the partition counts it creates and keeps, and describe
 * answers that, for the first few calls, are what a broker that has not applied the new topics'
 * metadata yet answers.
 */
@Tag("broker")
class TopicProvisionerTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(dataDir, 0, 0).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldAskAgainWhileTheBrokerDoesNotKnowTheTopicsItJustCreated() {
        final List<Topic<?>> topics = List.of(Topics.ORDERS_COMMANDS, Topics.MATCHING_COMMANDS);
        try (Admin real = admin()) {
            final AtomicInteger describes = new AtomicInteger();
            final Admin lagging = failingDescribes(real, 3, describes,
                    new UnknownTopicOrPartitionException("This server does not host this topic-partition."));

            final var created = new TopicProvisioner(lagging, (short) 1, PartitionCounts.DEFAULT).ensure(topics);

            assertThat(created).containsExactlyInAnyOrder(Topics.ORDERS_COMMANDS.name(), Topics.MATCHING_COMMANDS.name());
            assertThat(describes).hasValue(4);
        }
    }

    @Test
    void shouldFailAtOnceOnAnAnswerThatAskingAgainCannotChange() {
        try (Admin real = admin()) {
            final Admin refusing = failingDescribes(real, Integer.MAX_VALUE, new AtomicInteger(),
                    new TopicAuthorizationException("Not authorized"));

            assertThatThrownBy(() -> new TopicProvisioner(refusing, (short) 1, PartitionCounts.DEFAULT)
                    .ensure(List.of(Topics.ORDERS_EVENTS)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldCreateANewClustersTopicsWithTheConfiguredCountsAndGlobalTablesWithOne() throws Exception {
        final List<Topic<?>> topics = List.of(topic("new.a", BY_USER), topic("new.b", BY_USER), topic("new.c", BY_SYMBOL),
                topic("new.d", SINGLE));
        try (Admin admin = admin()) {
            new TopicProvisioner(admin, (short) 1, new PartitionCounts(2, 3)).ensure(topics);

            assertThat(partitionCounts(admin, topics)).containsExactly(2, 2, 3, 1);
        }
    }

    @Test
    void shouldGiveATopicAddedLaterTheCountOfTheExistingTopicsOfItsKindNotTheConfiguredOne() throws Exception {
        final Topic<?> first = topic("later.first", BY_USER);
        final Topic<?> added = topic("later.added", BY_USER);
        final Topic<?> bySymbol = topic("later.symbol", BY_SYMBOL);
        try (Admin admin = admin()) {
            new TopicProvisioner(admin, (short) 1, new PartitionCounts(2, 2)).ensure(List.of(first));

            final var created = new TopicProvisioner(admin, (short) 1, PartitionCounts.DEFAULT)
                    .ensure(List.of(first, added, bySymbol));

            assertThat(created).containsExactly("later.added", "later.symbol");
            assertThat(partitionCounts(admin, List.of(first, added, bySymbol))).containsExactly(2, 2, 6);
        }
    }

    @Test
    void shouldRefuseCoPartitionedTopicsWhoseCountsDiffer() throws Exception {
        final Topic<?> two = topic("split.two", BY_USER);
        final Topic<?> three = topic("split.three", BY_USER);
        try (Admin admin = admin()) {
            new TopicProvisioner(admin, (short) 1, new PartitionCounts(2, 2)).ensure(List.of(two));
            new TopicProvisioner(admin, (short) 1, new PartitionCounts(3, 3)).ensure(List.of(three));

            assertThatThrownBy(() -> new TopicProvisioner(admin, (short) 1, PartitionCounts.DEFAULT).ensure(List.of(two, three)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BY_USER topics have different partition counts")
                    .hasMessageContaining("split.two")
                    .hasMessageContaining("split.three");
        }
    }

    private static Topic<?> topic(final String name, final Partitioning partitioning) {
        return new Topic<>(name, "test key", OrderCommand.class, partitioning, false, -1L);
    }

    private static List<Integer> partitionCounts(final Admin admin, final List<Topic<?>> topics) throws Exception {
        final Map<String, TopicDescription> described = admin.describeTopics(topics.stream().map(Topic::name).toList())
                .allTopicNames().get(30, TimeUnit.SECONDS);
        return topics.stream().map(t -> described.get(t.name()).partitions().size()).toList();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** The real admin, except that its first {@code failures} describes fail with {@code error}. */
    private static Admin failingDescribes(final Admin real, final int failures, final AtomicInteger describes,
            final RuntimeException error) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("describeTopics") && describes.incrementAndGet() <= failures) {
                        final KafkaFutureImpl<TopicDescription> failed = new KafkaFutureImpl<>();
                        failed.completeExceptionally(error);
                        final Map<String, KafkaFuture<TopicDescription>> byName = Map.of("any", failed);
                        return new DescribeTopicsResult(null, byName) { };
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (final InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
