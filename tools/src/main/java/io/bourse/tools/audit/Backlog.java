package io.bourse.tools.audit;

import io.bourse.client.HostedTopologies;
import io.bourse.marketdata.topology.MarketDataConfig;
import io.bourse.portfolio.topology.PortfolioConfig;
import io.bourse.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The work the topologies still have in flight: committed records in their input topics past the
 * offsets their consumer groups have committed, and input partitions with a transaction still open.
 * An empty backlog means every topology has caught up with everything written so far: a quiet
 * exchange, which tests wait for. The audit itself needs no quiet ({@link AuditCut}).
 */
public final class Backlog {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One input partition a topology has not caught up with. */
    public record Lag(String applicationId, TopicPartition partition, long records, boolean openTransaction) {

        @Override
        public String toString() {
            return "%s: %d record(s) of %s to process%s".formatted(applicationId, records, partition,
                    openTransaction ? ", and a transaction still open" : "");
        }
    }

    private Backlog() {
    }

    /** The backlog of the matching, portfolio and market-data topologies; empty when all have caught up. */
    public static List<Lag> of(final String bootstrap, final String registry) {
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry);
        final List<Lag> lags = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (final String name : List.of(HostedTopologies.MATCHING, HostedTopologies.PORTFOLIO, HostedTopologies.MARKETDATA)) {
                final String applicationId = HostedTopologies.applicationId(name);
                final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                final List<TopicPartition> partitions = new ArrayList<>();
                for (final String topic : sourceTopics(HostedTopologies.build(name, PortfolioConfig.DEFAULTS, MarketDataConfig.defaults(), serde).describe())) {
                    partitions.addAll(partitions(consumer, topic));
                }
                // A read_committed consumer's end offsets are the last stable offsets; the written ends
                // include open transactions.
                final Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
                final Map<TopicPartition, Long> stable = consumer.endOffsets(partitions);
                final Map<TopicPartition, Long> written = writtenEnds(admin, partitions);
                for (final TopicPartition partition : partitions) {
                    final OffsetAndMetadata offset = committed.get(partition);
                    final long from = offset == null ? beginning.get(partition) : offset.offset();
                    final long records = committedRecords(consumer, partition, from, stable.get(partition));
                    final boolean open = stable.get(partition) < written.get(partition);
                    if (records > 0 || open) {
                        lags.add(new Lag(applicationId, partition, records, open));
                    }
                }
            }
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the topologies' committed offsets from " + bootstrap, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the backlog", e);
        }
        return lags;
    }

    /** The topics the topology's source nodes read (global stores excluded: they commit no offsets). */
    static Set<String> sourceTopics(final TopologyDescription description) {
        final Set<String> topics = new TreeSet<>();
        for (final TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (final TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    topics.addAll(source.topicSet());
                }
            }
        }
        return topics;
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer, final String topic) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    /** Data records (control records excluded) between {@code from} and {@code end}, the last stable offset. */
    private static long committedRecords(final KafkaConsumer<byte[], byte[]> consumer, final TopicPartition partition, final long from,
            final long end) {
        if (from >= end) {
            return 0;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long records = 0;
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + partition + " up to offset " + end + " within " + TIMEOUT);
            }
            records += consumer.poll(Duration.ofMillis(200)).count();
        }
        return records;
    }

    /** Each partition's end offset counting records of transactions still open (its high watermark). */
    private static Map<TopicPartition, Long> writtenEnds(final Admin admin, final List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }
}
