package io.bourse.tools.audit;

import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The moment an audit judges: every partition it reads is read from its beginning up to the end
 * offset fixed here, all in one request, so records written later — by any stage — are not seen.
 * With them it fixes where the portfolio stood in {@code matching.results}: the results past its
 * committed offset had not been settled at the cut, and their fills are work in flight. The
 * portfolio's offsets are read <em>before</em> the end offsets, so a result settled in between counts
 * as both settled and in flight (harmless), never as neither.
 *
 * <p>One request is not one instant for a transaction: a commit's markers are appended to its
 * partitions one after another, and the broker reads the partitions' last stable offsets one after
 * another, so a transaction committed while the cut is taken can be inside it on one partition and
 * outside it on another (the ledger ahead of the positions changelog, or behind it). The audit reads
 * past the cut where that shows ({@code AuditChecks#storeTail}, {@code AuditChecks#ledgerTail}).
 *
 * @param begin first offset of every partition
 * @param end end offset (last stable offset) of every partition at the cut
 * @param settledResults per {@code matching.results} partition, the portfolio's committed offset just before the cut
 */
record AuditCut(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end, Map<TopicPartition, Long> settledResults) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Fixes the cut for {@code topics} (a missing topic has no partitions). */
    static AuditCut take(final Admin admin, final KafkaConsumer<byte[], byte[]> consumer, final List<String> topics) {
        final Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(PortfolioNames.APPLICATION_ID).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the portfolio's committed offsets", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fixing the cut", e);
        }
        final List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(topic -> partitions.addAll(partitions(consumer, topic)));
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
        final Map<TopicPartition, Long> settled = new HashMap<>();
        for (final TopicPartition partition : partitions) {
            if (partition.topic().equals(Topics.MATCHING_RESULTS.name())) {
                final OffsetAndMetadata offset = committed.get(partition);
                settled.put(partition, offset == null ? begin.get(partition) : Math.max(begin.get(partition), offset.offset()));
            }
        }
        return new AuditCut(Map.copyOf(begin), Map.copyOf(end), Map.copyOf(settled));
    }

    /** The partitions of {@code topic} in this cut, by partition number. */
    List<TopicPartition> partitions(final String topic) {
        return end.keySet().stream().filter(p -> p.topic().equals(topic))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
    }

    /** Matching results written before the cut that the portfolio had not yet settled. */
    long resultsInFlight() {
        return settledResults.entrySet().stream().mapToLong(e -> Math.max(0, end.get(e.getKey()) - e.getValue())).sum();
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer, final String topic) {
        final List<PartitionInfo> infos = consumer.listTopics(TIMEOUT).get(topic);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }
}
