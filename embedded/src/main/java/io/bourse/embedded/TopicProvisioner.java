package io.bourse.embedded;

import io.bourse.schemas.catalogue.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics that do not exist yet and checks the partition counts of those
 * that do: topics joined by key must keep equal counts, so a mismatch fails loudly instead of
 * routing a user's commands to two different tasks.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);
    private static final Duration METADATA_RETRY_BACKOFF = Duration.ofMillis(50);

    private final Admin admin;
    private final short replicationFactor;
    private final ToIntFunction<Topic<?>> partitions;

    /** @param partitions how many partitions to create each topic with, e.g. {@code Topic::partitions} */
    public TopicProvisioner(final Admin admin, final short replicationFactor, final ToIntFunction<Topic<?>> partitions) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.partitions = partitions;
    }

    /** Creates what is missing; returns the names created. */
    public Set<String> ensure(final Collection<Topic<?>> topics) {
        try {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(partitions.applyAsInt(t), replicationFactor))
                    .toList();
            for (final var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            checkPartitions(topics);
            final Set<String> created = missing.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet());
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
            return created;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list or describe topics", e);
        }
    }

    private void checkPartitions(final Collection<Topic<?>> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        final Map<String, TopicDescription> descriptions = describe(topics.stream().map(Topic::name).toList());
        for (final Topic<?> topic : topics) {
            final int actual = descriptions.get(topic.name()).partitions().size();
            final int expected = partitions.applyAsInt(topic);
            if (actual != expected) {
                throw new IllegalStateException("Topic " + topic.name() + " has " + actual + " partitions but "
                        + expected + " are configured; topics joined by key must keep equal partition counts");
            }
        }
    }

    /**
     * A topic the controller has just created can be unknown to the broker answering the describe for
     * a few milliseconds, until that broker applies the new metadata; such retriable answers are
     * asked again until {@link #METADATA_WAIT} has passed.
     */
    private Map<String, TopicDescription> describe(final List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        final long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("Topics not described yet, asking again: {}", e.getCause().toString());
                Thread.sleep(METADATA_RETRY_BACKOFF.toMillis());
            }
        }
    }
}
