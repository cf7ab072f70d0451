package io.bourse.edge.payments;

import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.api.ApiException;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.ConsumerLoop;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Creates the provider's payout for every withdrawal the portfolio reserved cash for
 * ({@code WITHDRAWAL_REQUESTED} on {@code payments.events}), then records the provider's answer on
 * {@code payments.commands}: {@code PAYOUT_CREATED} with the payout id, or {@code PAYOUT_FAILED} when
 * the provider refuses the payout for good (the portfolio then releases the reserve). A provider that
 * cannot be reached is retried, with a growing pause, until it answers.
 *
 * <p>The nodes share the work as one consumer group ({@link #GROUP}), committing after each record is
 * handled: a node that stops mid-way leaves the record to the next, which creates the payout again
 * with the same idempotency key (the withdrawal id), so the provider pays once. The webhooks that
 * settle the payout come separately, through {@link WebhookIntake}. With the sandbox provider, the
 * payout is processed at once by the sandbox's own signed webhook when the withdrawal asked for no
 * checkout; otherwise (and after a restart) it waits on the sandbox payout page.
 */
@Component
public class PayoutDispatcher extends ConsumerLoop<String, byte[]> implements SmartLifecycle {

    /** The consumer group of every node's dispatcher. */
    public static final String GROUP = "bourse-payouts";
    private static final Logger LOG = LoggerFactory.getLogger(PayoutDispatcher.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final KafkaEndpoints endpoints;
    private final PaymentProvider provider;
    private final CommandPublisher publisher;
    private final WebhookIntake webhooks;
    private final BourseProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile Deserializer<PaymentEvent> events;

    public PayoutDispatcher(final KafkaEndpoints endpoints, final PaymentProvider provider, final CommandPublisher publisher,
            final WebhookIntake webhooks, final BourseProperties properties, final Clock clock, final MeterRegistry meters) {
        super("bourse-payout-dispatcher", FIRST_PAUSE);
        this.endpoints = endpoints;
        this.provider = provider;
        this.publisher = publisher;
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Joins the dispatchers' consumer group on {@code payments.events}; {@link #start()} then dispatches. */
    @Override
    protected KafkaConsumer<String, byte[]> open() {
        events = Topics.PAYMENTS_EVENTS.valueSerde(endpoints.serdeConfig()).deserializer();
        final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(endpoints.clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, GROUP,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.PAYMENTS_EVENTS.name()));
        return consumer;
    }

    /**
     * Dispatches the poll's withdrawals, then commits. A round that fails moves the consumer back to the first
     * record it did not finish in each partition of the poll, so the retry after the pause dispatches those
     * again (the consumer's position had moved past the whole poll, and the next commit would have skipped them).
     */
    @Override
    protected boolean round(final KafkaConsumer<String, byte[]> consumer) throws InterruptedException {
        final ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        final Map<TopicPartition, Long> unfinished = new HashMap<>();
        records.partitions().forEach(partition -> unfinished.put(partition, records.records(partition).get(0).offset()));
        try {
            for (final ConsumerRecord<String, byte[]> record : records) {
                final PaymentEvent event = decode(events, record);
                if (event != null && event.getType() == PaymentEventType.WITHDRAWAL_REQUESTED && !dispatch(record.key(), event)) {
                    return false;
                }
                unfinished.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            consumer.commitSync();
        } catch (final RuntimeException e) {
            unfinished.forEach(consumer::seek);
            throw e;
        }
        return true;
    }

    private static PaymentEvent decode(final Deserializer<PaymentEvent> events, final ConsumerRecord<String, byte[]> record) {
        try {
            return record.value() == null ? null : events.deserialize(record.topic(), record.value());
        } catch (final RuntimeException e) {
            LOG.warn("Skipping unreadable payment event {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    /** Creates the payout and records the answer; false when stopped before the provider answered. */
    private boolean dispatch(final String userId, final PaymentEvent requested) throws InterruptedException {
        if (requested.getProviderAccountId() == null || requested.getPayoutMode() == null) {
            LOG.warn("Withdrawal {} of {} names no destination; nothing to pay out", requested.getWithdrawalId(), userId);
            return true;
        }
        final PaymentProvider.Payout payout = new PaymentProvider.Payout(requested.getWithdrawalId(), requested.getProviderAccountId(),
                requested.getAmountPaise(), requested.getPayoutMode());
        Duration pause = FIRST_PAUSE;
        while (isRunning()) {
            try {
                final String payoutId = provider.createPayout(payout);
                record(userId, requested, PaymentCommandType.PAYOUT_CREATED, payoutId, null);
                count("CREATED");
                settleInTheSandbox(payoutId, payout);
                return true;
            } catch (final PaymentProvider.PayoutRefused refused) {
                LOG.warn("The provider refused the payout of withdrawal {}: {} ({})", payout.withdrawalId(), refused.reason(),
                        refused.getMessage());
                record(userId, requested, PaymentCommandType.PAYOUT_FAILED, null, refused.reason());
                count("REFUSED");
                return true;
            } catch (final ApiException e) {
                LOG.warn("Cannot create the payout of withdrawal {} yet ({}); retrying in {} ms", payout.withdrawalId(), e.getMessage(),
                        pause.toMillis());
                count("RETRIED");
                if (pause(pause)) {
                    return false;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
        return false;
    }

    private void record(final String userId, final PaymentEvent requested, final PaymentCommandType type, final String payoutId,
            final String reason) {
        publisher.send(Topics.PAYMENTS_COMMANDS, userId, PaymentCommand.newBuilder().setCommandId("pc-" + UUID.randomUUID()).setType(type)
                .setUserId(userId).setProvider(provider.name()).setIntentId(null).setProviderOrderId(null)
                .setWithdrawalId(requested.getWithdrawalId()).setProviderPayoutId(payoutId).setAmountPaise(requested.getAmountPaise())
                .setCurrency(requested.getCurrency()).setReason(reason).setDestinationId(requested.getDestinationId()).setDestination(null)
                .setTimestampMs(Instant.now(clock)).build()).join();
    }

    /** The sandbox's RazorpayX processes the payout now, after {@code PAYOUT_CREATED} is written, if asked to; else its page decides. */
    private void settleInTheSandbox(final String payoutId, final PaymentProvider.Payout payout) {
        if (provider instanceof SandboxProvider sandbox && sandbox.takeProcessAtOnce(payout.withdrawalId())) {
            try {
                sandbox.settle(payoutId, payout, "processed", webhooks, properties.payments().webhookSecret());
            } catch (final RuntimeException e) {
                LOG.warn("The sandbox could not process payout {} of withdrawal {}: {}", payoutId, payout.withdrawalId(), e.toString());
            }
        }
    }

    private void count(final String outcome) {
        Counter.builder("bourse.payments.payouts").description("payout creations by outcome (CREATED, REFUSED, RETRIED)")
                .tag("outcome", outcome).register(meters).increment();
    }

    @Override
    public int getPhase() {
        // With the edge's other consumers, after the topics exist.
        return 10;
    }
}
