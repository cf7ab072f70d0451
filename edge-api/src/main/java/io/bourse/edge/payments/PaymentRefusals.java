package io.bourse.edge.payments;

import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.edge.infra.FollowingComponent;
import io.bourse.edge.infra.TopicFollower;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin view of payments that did not reconcile or were refused, read from {@code payments.events}
 * (kept forever) from its beginning and followed from then on. Every node reads every partition, so a
 * restarted node, or any other node of the cluster, shows the same refusals in the same order: the
 * latest {@link #CAPACITY}, newest first by the portfolio's timestamp, then by event id. Until the node
 * has read the topic up to where it stood at start, a read waits briefly and then answers a retryable 503.
 */
@Component
public class PaymentRefusals extends FollowingComponent<String, byte[]> {

    /** How many of the latest refusals the view keeps. */
    public static final int CAPACITY = 1_000;
    /** What an operator has to look at: deposits that did not reconcile, refused withdrawals, payout reports that moved nothing. */
    public static final Set<PaymentEventType> TYPES = EnumSet.of(PaymentEventType.DEPOSIT_REJECTED,
            PaymentEventType.WITHDRAWAL_REFUSED, PaymentEventType.PAYOUT_REJECTED);

    private static final Logger LOG = LoggerFactory.getLogger(PaymentRefusals.class);
    private static final Duration LOADING = Duration.ofSeconds(5);
    private static final Comparator<PaymentEvent> NEWEST_FIRST = Comparator.comparing(PaymentEvent::getTimestampMs).reversed()
            .thenComparing(PaymentEvent::getEventId);

    private final KafkaEndpoints endpoints;
    private final TreeSet<PaymentEvent> latest = new TreeSet<>(NEWEST_FIRST);

    public PaymentRefusals(final KafkaEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The latest {@code limit} refusals, newest first; a retryable 503 while the node is still reading the topic. */
    public List<PaymentEvent> latest(final int limit) {
        TopicFollower.requireCaughtUp(follower(), LOADING, "the payment refusals");
        synchronized (latest) {
            return latest.stream().limit(limit).toList();
        }
    }

    @Override
    protected TopicFollower<String, byte[]> newFollower() {
        final Deserializer<PaymentEvent> events = Topics.PAYMENTS_EVENTS.valueSerde(endpoints.serdeConfig()).deserializer();
        return new TopicFollower<>("bourse-edge-payment-refusals", endpoints, List.of(Topics.PAYMENTS_EVENTS.name()),
                TopicFollower.From.BEGINNING, new StringDeserializer(), new ByteArrayDeserializer(),
                records -> records.forEach(r -> keep(r, events)), Duration.ofSeconds(1));
    }

    private void keep(final ConsumerRecord<String, byte[]> record, final Deserializer<PaymentEvent> events) {
        final PaymentEvent event;
        try {
            event = events.deserialize(record.topic(), record.value());
        } catch (final RuntimeException e) {
            // The portfolio's dead-letter handling owns unreadable records; the view only skips them.
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (event == null || !TYPES.contains(event.getType())) {
            return;
        }
        synchronized (latest) {
            latest.add(event);
            if (latest.size() > CAPACITY) {
                latest.pollLast();
            }
        }
    }
}
