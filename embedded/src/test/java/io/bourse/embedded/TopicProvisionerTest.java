package io.bourse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioner against a real broker whose describe answers are, for the first few calls, what a
 * broker that has not applied the new topics' metadata yet answers.
 */
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

            final var created = new TopicProvisioner(lagging, (short) 1, Topic::partitions).ensure(topics);

            assertThat(created).containsExactlyInAnyOrder(Topics.ORDERS_COMMANDS.name(), Topics.MATCHING_COMMANDS.name());
            assertThat(describes).hasValue(4);
        }
    }

    @Test
    void shouldFailAtOnceOnAnAnswerThatAskingAgainCannotChange() {
        try (Admin real = admin()) {
            final Admin refusing = failingDescribes(real, Integer.MAX_VALUE, new AtomicInteger(),
                    new TopicAuthorizationException("Not authorized"));

            assertThatThrownBy(() -> new TopicProvisioner(refusing, (short) 1, Topic::partitions)
                    .ensure(List.of(Topics.ORDERS_EVENTS)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
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
