package io.bourse.embedded;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication factor of the topics the launcher creates on a cluster it joins rather than
 * starts (the catalogue's missing topics, the analytics sink's dead-letter topic), learnt from that
 * cluster: an explicit setting when there is one, otherwise what the catalogue's existing topics
 * were created with, otherwise {@value #PREFERRED}; never more than the cluster has brokers, so the
 * single broker of {@code ./bourse run} gets 1 and a three-broker cluster 3.
 */
public final class ClusterReplication {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterReplication.class);
    /** Replicas on a cluster with the brokers for them: a topic survives losing two. */
    static final short PREFERRED = 3;
    private static final long TIMEOUT_SECONDS = 30;

    private ClusterReplication() {
    }

    /**
     * Asks the cluster behind {@code admin} how many brokers it has and how many replicas the
     * existing ones among {@code catalogueTopics} have, and decides with {@link #decide}.
     *
     * @param configured an explicit replication factor (such as {@code BOURSE_REPLICATION_FACTOR}), or {@code null}
     */
    public static short of(final Admin admin, final Collection<String> catalogueTopics, final Short configured) {
        try {
            final int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            final Set<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final List<String> existing = catalogueTopics.stream().filter(names::contains).toList();
            final List<Integer> replicas = admin.describeTopics(existing).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .values().stream().map(ClusterReplication::replicas).toList();
            return decide(brokers, replicas, configured);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the cluster", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe the cluster or its topics", e);
        }
    }

    /**
     * The replication factor: {@code configured} if given, else the largest of {@code existingReplicas},
     * else {@value #PREFERRED}; capped at {@code brokers}, with a warning when that lowers it.
     */
    static short decide(final int brokers, final Collection<Integer> existingReplicas, final Short configured) {
        if (brokers < 1) {
            throw new IllegalStateException("The cluster reports no brokers");
        }
        if (configured != null && configured < 1) {
            throw new IllegalArgumentException("A replication factor must be at least 1, not " + configured);
        }
        final int wanted = configured != null ? configured
                : existingReplicas.stream().mapToInt(Integer::intValue).max().orElse(PREFERRED);
        if (wanted > brokers) {
            if (configured != null || !existingReplicas.isEmpty()) {
                LOG.warn("Replication factor {} ({}) is more than the cluster's {} broker(s); new topics get {}", wanted,
                        configured != null ? "configured" : "of the existing topics", brokers, brokers);
            }
            return (short) brokers;
        }
        return (short) wanted;
    }

    private static int replicas(final TopicDescription topic) {
        return topic.partitions().stream().map(TopicPartitionInfo::replicas).mapToInt(List::size).max().orElse(0);
    }
}
