package io.bourse.schemas.cluster;

import io.bourse.schemas.catalogue.Partitioning;
import io.bourse.schemas.catalogue.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics that do not exist yet and checks the partition counts of those
 * that do. Topics joined by key must keep equal counts, so a cluster whose co-partitioned topics
 * disagree fails loudly instead of routing a user's commands to two different tasks.
 *
 * <p>The configured counts apply to a new cluster. Once topics of a kind exist, their count is the
 * cluster's: a topic of that kind added later is created with it, and a different configured count
 * is reported and not applied, because changing it would move keys away from their state.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);
    private static final Duration METADATA_RETRY_BACKOFF = Duration.ofMillis(50);

    private final Admin admin;
    private final short replicationFactor;
    private final ToIntFunction<Topic<?>> partitions;

    /** @param partitions how many partitions a new cluster gets per topic, e.g. {@code PartitionCounts.DEFAULT} */
    public TopicProvisioner(final Admin admin, final short replicationFactor, final ToIntFunction<Topic<?>> partitions) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.partitions = partitions;
    }

    /** Creates what is missing; returns the names created. */
    public Set<String> ensure(final Collection<Topic<?>> topics) {
        try {
            final Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<Topic<?>> present = topics.stream().filter(t -> names.contains(t.name())).toList();
            final Map<Topic<?>, Integer> counts = plan(topics, partitionCounts(present));
            final List<NewTopic> missing = topics.stream()
                    .filter(t -> !names.contains(t.name()))
                    .map(t -> t.newTopic(counts.get(t), replicationFactor))
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
            check(counts, partitionCounts(topics));
            final Set<String> created = missing.stream().map(NewTopic::name).collect(Collectors.toCollection(TreeSet::new));
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

    /** The count each topic must have: the existing one of its kind if any, else the configured one. */
    private Map<Topic<?>, Integer> plan(final Collection<Topic<?>> topics, final Map<Topic<?>, Integer> existing) {
        final Map<Partitioning, Integer> byKind = new EnumMap<>(Partitioning.class);
        for (final Partitioning kind : Partitioning.values()) {
            if (!kind.coPartitioned()) {
                continue;
            }
            final Map<Integer, List<String>> found = existing.entrySet().stream()
                    .filter(e -> e.getKey().partitioning() == kind)
                    .collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new,
                            Collectors.mapping(e -> e.getKey().name(), Collectors.toList())));
            if (found.size() > 1) {
                throw new IllegalStateException("The " + kind + " topics have different partition counts " + found
                        + "; topics joined by key must keep equal partition counts");
            }
            if (found.size() == 1) {
                byKind.put(kind, found.keySet().iterator().next());
            }
        }
        final Map<Topic<?>, Integer> plan = new LinkedHashMap<>();
        final Set<Partitioning> reported = new TreeSet<>();
        for (final Topic<?> topic : topics) {
            final int configured = partitions.applyAsInt(topic);
            final int count = byKind.getOrDefault(topic.partitioning(), configured);
            if (count != configured && reported.add(topic.partitioning())) {
                LOG.warn("The {} topics exist with {} partitions, not the {} configured; they keep {}, because a new "
                        + "count would move keys away from their state", topic.partitioning(), count, configured, count);
            }
            plan.put(topic, count);
        }
        return plan;
    }

    private static void check(final Map<Topic<?>, Integer> expected, final Map<Topic<?>, Integer> actual) {
        for (final var entry : expected.entrySet()) {
            final Topic<?> topic = entry.getKey();
            if (!actual.get(topic).equals(entry.getValue())) {
                throw new IllegalStateException("Topic " + topic.name() + " has " + actual.get(topic) + " partitions but "
                        + entry.getValue() + " are expected; topics joined by key must keep equal partition counts");
            }
        }
    }

    private Map<Topic<?>, Integer> partitionCounts(final Collection<Topic<?>> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return Map.of();
        }
        final Map<String, TopicDescription> described = describe(topics.stream().map(Topic::name).toList());
        final Map<Topic<?>, Integer> counts = new LinkedHashMap<>();
        topics.forEach(t -> counts.put(t, described.get(t.name()).partitions().size()));
        return counts;
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
