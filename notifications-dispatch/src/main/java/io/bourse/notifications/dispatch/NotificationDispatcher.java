package io.bourse.notifications.dispatch;

import io.bourse.avro.notifications.DeliveryStatus;
import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationChannel;
import io.bourse.avro.notifications.NotificationDeadLetter;
import io.bourse.avro.notifications.NotificationDelivery;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import io.bourse.notifications.dispatch.core.Deliverer;
import io.bourse.notifications.dispatch.core.Message;
import io.bourse.notifications.dispatch.core.Settlement;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the {@code notifications} topic (committed records only) through the channel adapters, one
 * notification at a time, and settles each: a {@link NotificationDelivery} status on
 * {@code notifications.deliveries}, and for a failure the notification with its reason on
 * {@code notifications.dead-letters}.
 *
 * <p>At least once, and no more than that: the consumer offsets are committed only after a batch's
 * notifications are settled, and each status is acknowledged by Kafka before the next notification is
 * taken. A dispatcher that stops without committing (a crash, {@link #halt()}) replays its uncommitted
 * batch; at assignment it reads back the newest statuses of its partitions and skips every notification
 * already settled. What can still be sent twice is the one notification in flight when it stopped: the
 * provider accepted it but its status was not yet written. The adapters pass the notification id where
 * the provider takes something like an idempotency key (see the README).
 */
public final class NotificationDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaEndpoints endpoints;
    private final DispatcherConfig config;
    private final Map<Channel, ChannelAdapter> adapters;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final Deliverer deliverer;
    private final SettledIds settled;
    private final Deserializer<Notification> notifications;
    private final Deserializer<NotificationDelivery> deliveries;
    private final Serializer<NotificationDelivery> statusSerializer;
    private final Serializer<NotificationDeadLetter> deadLetterSerializer;
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public NotificationDispatcher(final KafkaEndpoints endpoints, final DispatcherConfig config,
            final Map<Channel, ChannelAdapter> adapters, final MeterRegistry registry, final Clock clock) {
        this.endpoints = endpoints;
        this.config = config;
        this.adapters = Map.copyOf(adapters);
        this.metrics = new DispatchMetrics(registry);
        this.clock = clock;
        this.deliverer = new Deliverer(config.retry(), duration -> Thread.sleep(duration.toMillis()), System::nanoTime);
        this.settled = new SettledIds(config.replayHorizon() * 4);
        final Map<String, Object> serde = endpoints.serdeConfig();
        this.notifications = Topics.NOTIFICATIONS.valueSerde(serde).deserializer();
        this.deliveries = Topics.NOTIFICATIONS_DELIVERIES.valueSerde(serde).deserializer();
        this.statusSerializer = Topics.NOTIFICATIONS_DELIVERIES.valueSerde(serde).serializer();
        this.deadLetterSerializer = Topics.NOTIFICATIONS_DEAD_LETTERS.valueSerde(serde).serializer();
    }

    /** Starts delivering on a thread of its own. */
    public synchronized NotificationDispatcher start() {
        if (thread != null) {
            throw new IllegalStateException("started already");
        }
        thread = new Thread(this::run, "bourse-notifications-dispatcher");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Stops after the notification in hand, commits what was settled and leaves the group. */
    @Override
    public void close() {
        stopping = true;
        final KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        join();
    }

    /**
     * Stops at once, as a crash would: the delivery in flight is abandoned and nothing since the last
     * commit is committed. For tests of what a restart replays.
     */
    public void halt() {
        halted = true;
        stopping = true;
        final Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        join();
    }

    public boolean running() {
        final Thread t = thread;
        return t != null && t.isAlive();
    }

    private void join() {
        final Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(Duration.ofSeconds(15).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
                KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(Topics.NOTIFICATIONS.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> settled.forget(p.partition()));
                }

                @Override
                public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                    readBackSettled(partitions);
                }
            });
            LOG.info("Notification dispatcher started: channels {}", adapters.keySet());
            loop(c, producer);
        } catch (final WakeupException | InterruptException e) {
            LOG.debug("Dispatcher woken up to stop");
        } catch (final RuntimeException e) {
            if (!stopping) {
                LOG.error("The notification dispatcher stopped on an error", e);
            }
        } finally {
            consumer = null;
            LOG.info("Notification dispatcher stopped{}", halted ? " (halted: the uncommitted batch will be replayed)" : "");
        }
    }

    private void loop(final KafkaConsumer<String, byte[]> c, final KafkaProducer<String, byte[]> producer) {
        while (!stopping) {
            final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (final ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                if (stopping) {
                    break;
                }
                try {
                    handle(record, producer);
                } catch (final InterruptedException e) {
                    // Halted mid-delivery: leave without committing; the flag is spent so the clients can close.
                    return;
                }
                done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            }
            if (halted) {
                Thread.interrupted();
                return;
            }
            if (!done.isEmpty()) {
                c.commitSync(done);
            }
        }
    }

    private void handle(final ConsumerRecord<String, byte[]> record, final KafkaProducer<String, byte[]> producer)
            throws InterruptedException {
        final Notification notification;
        try {
            notification = record.value() == null ? null : notifications.deserialize(record.topic(), record.value());
        } catch (final RuntimeException e) {
            LOG.warn("Skipping unreadable notification {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (notification == null || record.key() == null) {
            return;
        }
        final Optional<Channel> channel = channel(notification.getChannel());
        if (settled.contains(record.partition(), notification.getNotificationId())) {
            metrics.replayed(channel.orElse(null));
            return;
        }
        final Settlement settlement = settle(notification, channel);
        if (settlement.status() == Settlement.Status.FAILED) {
            final NotificationDeadLetter dead = NotificationDeadLetter.newBuilder().setNotification(notification)
                    .setReason(settlement.reason()).setAttempts(settlement.attempts()).setFailedAtMs(clock.instant()).build();
            send(producer, Topics.NOTIFICATIONS_DEAD_LETTERS.name(), record.key(), deadLetterSerializer, dead);
            LOG.warn("Notification {} ({} {}) failed after {} attempt(s): {}", notification.getNotificationId(),
                    notification.getKind(), notification.getChannel(), settlement.attempts(), settlement.reason());
        }
        // The status goes last: it is what a replay trusts, so it must never claim more than happened.
        send(producer, Topics.NOTIFICATIONS_DELIVERIES.name(), record.key(), statusSerializer, status(notification, settlement));
        settled.add(record.partition(), notification.getNotificationId());
        metrics.settled(channel.orElse(null), settlement);
    }

    private Settlement settle(final Notification notification, final Optional<Channel> channel) throws InterruptedException {
        if (channel.isEmpty()) {
            return Settlement.skipped("UNKNOWN_CHANNEL");
        }
        final ChannelAdapter adapter = adapters.get(channel.get());
        if (adapter == null) {
            return Settlement.skipped("CHANNEL_DISABLED");
        }
        if ((channel.get() == Channel.EMAIL || channel.get() == Channel.SMS) && notification.getRecipient() == null) {
            return Settlement.skipped("NO_RECIPIENT");
        }
        return deliverer.deliver(adapter, message(notification, channel.get()), () -> metrics.retried(channel.get()));
    }

    private <V extends SpecificRecord> void send(final KafkaProducer<String, byte[]> producer, final String topic, final String key,
            final Serializer<V> serializer, final V value) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, value))).get();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Cannot write to " + topic, e.getCause());
        }
    }

    /** Reads the newest statuses of the partitions just assigned, so a replay skips what was settled before. */
    private void readBackSettled(final Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        final List<TopicPartition> statusPartitions = assigned.stream()
                .map(p -> new TopicPartition(Topics.NOTIFICATIONS_DELIVERIES.name(), p.partition())).toList();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(readerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final Map<TopicPartition, Long> ends = reader.endOffsets(statusPartitions);
            final Map<TopicPartition, Long> begins = reader.beginningOffsets(statusPartitions);
            reader.assign(statusPartitions);
            for (final TopicPartition p : statusPartitions) {
                reader.seek(p, Math.max(begins.getOrDefault(p, 0L), ends.getOrDefault(p, 0L) - config.replayHorizon()));
            }
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int read = 0;
            while (statusPartitions.stream().anyMatch(p -> reader.position(p) < ends.getOrDefault(p, 0L))) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("Gave up reading back delivery statuses after 30 s; a replay may resend some notifications");
                    break;
                }
                for (final ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    try {
                        settled.add(r.partition(), deliveries.deserialize(r.topic(), r.value()).getNotificationId());
                        read++;
                    } catch (final RuntimeException e) {
                        LOG.warn("Skipping unreadable status {}-{}@{}", r.topic(), r.partition(), r.offset());
                    }
                }
            }
            LOG.info("Assigned {}; {} recent delivery statuses read back", assigned, read);
        }
    }

    private static Optional<Channel> channel(final NotificationChannel channel) {
        return channel == null || channel == NotificationChannel.UNSPECIFIED ? Optional.empty()
                : Optional.of(Channel.valueOf(channel.name()));
    }

    static Message message(final Notification n, final Channel channel) {
        return new Message(n.getNotificationId(), n.getUserId(), n.getKind().name(), channel, n.getRecipient(), n.getSubject(),
                n.getBodyText(), n.getBodyHtml(), n.getPushTokens());
    }

    private NotificationDelivery status(final Notification n, final Settlement s) {
        return NotificationDelivery.newBuilder().setNotificationId(n.getNotificationId()).setUserId(n.getUserId())
                .setKind(n.getKind()).setChannel(n.getChannel()).setStatus(DeliveryStatus.valueOf(s.status().name()))
                .setReason(s.reason()).setAttempts(s.attempts()).setProviderMessageId(s.providerId())
                .setLatencyMs(s.latency().toMillis()).setTimestampMs(clock.instant()).build();
    }

    private Map<String, Object> consumerConfig() {
        final long maxPollInterval = Math.max(300_000L, (long) config.maxPollRecords() * config.retry().maxAttempts()
                * (config.retry().maxBackoff().toMillis() + 30_000L));
        return endpoints.clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, NotificationsNames.DISPATCHER_GROUP,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords(),
                // Retries with back-off happen between polls: the group must wait for the slowest batch.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, maxPollInterval)));
    }

    private Map<String, Object> readerConfig() {
        return endpoints.clientConfig(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    private Map<String, Object> producerConfig() {
        return endpoints.clientConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0));
    }
}
