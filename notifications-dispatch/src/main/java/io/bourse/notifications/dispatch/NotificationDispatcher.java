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
import io.bourse.notifications.dispatch.core.Skips;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the {@code notifications} topic (committed records only) through the channel adapters and
 * settles each e-mail, SMS and push notification: a {@link NotificationDelivery} status on
 * {@code notifications.deliveries} ({@code SENT}, {@code FAILED} with a reason, or {@code SKIPPED} with a
 * reason, see {@link Skips}), and for a failure the notification with its reason on
 * {@code notifications.dead-letters}. An in-app notification is settled as it is read, without a status:
 * the notifications topology filed it in the user's inbox exactly once, and every node pushes it on the
 * user's private channel from the same topic.
 *
 * <p>Each channel has a worker thread of its own, fed in the topic's order, so a slow SMTP server delays
 * only e-mail: SMS and push notifications behind it go out meanwhile. One thread polls Kafka,
 * hands each notification to its channel's worker and commits.
 *
 * <p>At least once, and no more than that: a partition's offset is committed only up to its oldest
 * notification not yet settled ({@link InFlight}), settled meaning that Kafka acknowledged its status.
 * A dispatcher that stops without committing (a crash, {@link #halt()}) replays from the committed
 * offset; at assignment it reads back the newest statuses of its partitions and skips every notification
 * already settled, whichever channel settled it. What can still be sent twice is a notification in
 * flight when it stopped: the one each channel had in hand, and those whose statuses still waited in the
 * producer's batch (its linger, 20 ms). A partition whose uncommitted stretch reaches
 * {@link DispatcherConfig#maxUncommitted()} pauses until its slow channel catches up, which bounds both
 * memory and the replay.
 */
public final class NotificationDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Settlement IN_THE_INBOX = new Settlement(Settlement.Status.SENT, null, 1, "inbox", Duration.ZERO);
    /** How long a revocation waits for the notifications being delivered on the revoked partitions. */
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(60);
    private static final Duration WORKER_POLL = Duration.ofMillis(100);
    /** How long a start waits for the users' opt-outs before delivering. */
    private static final Duration OPT_OUTS_WAIT = Duration.ofSeconds(30);
    /** How long a stop lets the workers finish the deliveries they are in: the node it runs in must stop in seconds. */
    private static final Duration WORKERS_STOP = Duration.ofSeconds(5);
    /** How long a stop waits for the consumer to leave its group and the producer to send what it holds. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    /** One notification handed to its channel's worker. */
    private record Work(String key, int partition, long offset, int generation, Notification notification, Channel channel) {
    }

    private final KafkaEndpoints endpoints;
    private final DispatcherConfig config;
    private final Map<Channel, ChannelAdapter> adapters;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final Deliverer deliverer;
    private final SettledIds settled;
    private final InFlight inFlight = new InFlight();
    private final OptOuts optOuts;
    private final Map<Channel, Worker> workers = new EnumMap<>(Channel.class);
    private final Deserializer<Notification> notifications;
    private final Deserializer<NotificationDelivery> deliveries;
    private final Serializer<NotificationDelivery> statusSerializer;
    private final Serializer<NotificationDeadLetter> deadLetterSerializer;
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile RuntimeException failure;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile KafkaProducer<String, byte[]> producer;
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
        this.optOuts = new OptOuts(endpoints);
        final Map<String, Object> serde = endpoints.serdeConfig();
        this.notifications = Topics.NOTIFICATIONS.valueSerde(serde).deserializer();
        this.deliveries = Topics.NOTIFICATIONS_DELIVERIES.valueSerde(serde).deserializer();
        this.statusSerializer = Topics.NOTIFICATIONS_DELIVERIES.valueSerde(serde).serializer();
        this.deadLetterSerializer = Topics.NOTIFICATIONS_DEAD_LETTERS.valueSerde(serde).serializer();
        for (final Channel channel : Channel.values()) {
            if (channel == Channel.IN_APP) {
                continue; // settled as it is read: nothing to deliver
            }
            workers.put(channel, new Worker(channel));
        }
    }

    /** Starts delivering: a thread polling Kafka and one worker thread per channel. */
    public synchronized NotificationDispatcher start() {
        if (thread != null) {
            throw new IllegalStateException("started already");
        }
        thread = new Thread(this::run, "bourse-notifications-dispatcher");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Stops after the notification each worker has in hand, commits what was settled and leaves the group. */
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
     * Stops at once, as a crash would: the deliveries in flight are abandoned and nothing since the last
     * commit is committed. For tests of what a restart replays.
     */
    public void halt() {
        halted = true;
        stopping = true;
        workers.values().forEach(Worker::interrupt);
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
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        // Closed with short timeouts, not try-with-resources: a consumer still joining its group (its previous
        // member's session not yet expired) would hold a node's stop for the default 30 s.
        KafkaProducer<String, byte[]> p = null;
        KafkaConsumer<String, byte[]> c = null;
        try {
            p = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
            c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
            producer = p;
            consumer = c;
            try {
                optOuts.start();
                if (!awaitOptOuts(OPT_OUTS_WAIT) && !stopping) {
                    LOG.warn("The users' opt-outs were not all read in {} s; delivering meanwhile", OPT_OUTS_WAIT.toSeconds());
                }
                workers.values().forEach(Worker::start);
                c.subscribe(List.of(Topics.NOTIFICATIONS.name()), new Rebalance(c));
                LOG.info("Notification dispatcher started: channels {}, one worker each", adapters.keySet());
                loop(c);
            } finally {
                // A halt's interrupt is spent here, so the workers can be joined and the clients closed.
                clearInterruptIfHalted();
                try {
                    stopWorkers();
                    if (!halted && failure == null) {
                        commitOrRetryLater(c, partitions(c.assignment()));
                    }
                } finally {
                    optOuts.close();
                    clearInterruptIfHalted();
                }
            }
        } catch (final WakeupException | InterruptException e) {
            LOG.debug("Dispatcher woken up to stop");
        } catch (final InterruptedException e) {
            LOG.debug("Dispatcher interrupted to stop");
        } catch (final RuntimeException e) {
            if (!stopping) {
                LOG.error("The notification dispatcher stopped on an error", e);
            }
        } finally {
            consumer = null;
            producer = null;
            closeQuietly(c, p);
            LOG.info("Notification dispatcher stopped{}", halted ? " (halted: the uncommitted notifications will be replayed)" : "");
        }
    }

    @SuppressWarnings("deprecation") // close(Duration): the timeout is the point
    private static void closeQuietly(final KafkaConsumer<String, byte[]> c, final KafkaProducer<String, byte[]> p) {
        try {
            if (c != null) {
                c.close(CLOSE_TIMEOUT);
            }
        } catch (final RuntimeException e) {
            LOG.debug("The dispatcher's consumer did not close cleanly: {}", e.toString());
        }
        try {
            if (p != null) {
                p.close(CLOSE_TIMEOUT);
            }
        } catch (final RuntimeException e) {
            LOG.debug("The dispatcher's producer did not close cleanly: {}", e.toString());
        }
    }

    private void loop(final KafkaConsumer<String, byte[]> c) throws InterruptedException {
        while (!stopping) {
            throttle(c);
            final ConsumerRecords<String, byte[]> records;
            try {
                records = c.poll(POLL);
            } catch (final WakeupException e) {
                return;
            }
            for (final ConsumerRecord<String, byte[]> record : records) {
                hand(record);
            }
            if (failure != null) {
                throw failure;
            }
            try {
                commitOrRetryLater(c, partitions(c.assignment()));
            } catch (final WakeupException e) {
                return;
            }
        }
    }

    /**
     * Commits what is settled; a commit the group refuses for now (a rebalance under way, a coordinator
     * that timed out) is left for the next round rather than ending the dispatcher: what {@link InFlight}
     * offers is settled work only, so committing it late is safe, and a partition lost meanwhile is
     * replayed from its last commit by its new owner, whose statuses skip what was settled.
     */
    private void commitOrRetryLater(final KafkaConsumer<String, byte[]> c, final Collection<Integer> among) {
        try {
            commit(c, among);
        } catch (final CommitFailedException | RebalanceInProgressException | RetriableException e) {
            LOG.info("Commit of settled notifications left for the next round: {}", e.toString());
        }
    }

    /** Pauses each partition that ran {@code maxUncommitted} past its commit point, resumes it once it is back under. */
    private void throttle(final KafkaConsumer<String, byte[]> c) {
        final Set<TopicPartition> paused = c.paused();
        final List<TopicPartition> pause = new ArrayList<>();
        final List<TopicPartition> resume = new ArrayList<>();
        for (final TopicPartition p : c.assignment()) {
            final boolean full = inFlight.uncommitted(p.partition()) >= config.maxUncommitted();
            if (full && !paused.contains(p)) {
                pause.add(p);
            } else if (!full && paused.contains(p)) {
                resume.add(p);
            }
        }
        if (!pause.isEmpty()) {
            LOG.info("Pausing {}: a slow channel holds {} notifications uncommitted", pause, config.maxUncommitted());
            c.pause(pause);
        }
        if (!resume.isEmpty()) {
            c.resume(resume);
        }
    }

    private void commit(final KafkaConsumer<String, byte[]> c, final Collection<Integer> among) {
        final Map<Integer, Long> offsets = inFlight.committable(among);
        if (offsets.isEmpty()) {
            return;
        }
        final Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(new TopicPartition(Topics.NOTIFICATIONS.name(), partition),
                new OffsetAndMetadata(offset)));
        if (stopping) {
            c.commitSync(commit, CLOSE_TIMEOUT); // a node's stop must not wait out the client's minute-long default
        } else {
            c.commitSync(commit);
        }
        inFlight.committed(offsets);
    }

    private static List<Integer> partitions(final Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).toList();
    }

    /** Hands one record to its channel's worker, or settles it here when it needs none. */
    private void hand(final ConsumerRecord<String, byte[]> record) throws InterruptedException {
        final int generation = inFlight.handed(record.partition(), record.offset());
        final Notification notification;
        try {
            notification = record.value() == null ? null : notifications.deserialize(record.topic(), record.value());
        } catch (final RuntimeException e) {
            LOG.warn("Skipping unreadable notification {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            inFlight.settledAtOnce(record.partition(), record.offset());
            return;
        }
        if (notification == null || record.key() == null) {
            inFlight.settledAtOnce(record.partition(), record.offset());
            return;
        }
        final Optional<Channel> channel = channel(notification.getChannel());
        if (channel.isPresent() && channel.get() == Channel.IN_APP) {
            // The topology filed it in the inbox exactly once, from this same record; a status would only repeat that.
            metrics.settled(Channel.IN_APP, IN_THE_INBOX);
            inFlight.settledAtOnce(record.partition(), record.offset());
            return;
        }
        if (settled.contains(record.partition(), notification.getNotificationId())) {
            metrics.replayed(channel.orElse(null));
            inFlight.settledAtOnce(record.partition(), record.offset());
            return;
        }
        if (channel.isEmpty()) {
            record(record.key(), record.partition(), notification, null, Settlement.skipped(Skips.UNKNOWN_CHANNEL), written -> {
                if (written) {
                    inFlight.settledAtOnce(record.partition(), record.offset());
                }
            });
            return;
        }
        workers.get(channel.get()).queue.add(new Work(record.key(), record.partition(), record.offset(), generation, notification,
                channel.get()));
    }

    /**
     * Delivers one notification on its worker's thread, or skips it, and records the outcome; the work is
     * finished as settled once Kafka acknowledged its status, on the producer's thread.
     */
    private void deliver(final Work work) throws InterruptedException {
        final Notification n = work.notification();
        final Message message = message(n, work.channel());
        final ChannelAdapter adapter = adapters.get(work.channel());
        final Optional<String> skip = Skips.reason(message, adapter != null,
                optOuts.turnedOff(n.getUserId(), n.getKind(), n.getChannel()));
        final Settlement settlement = skip.isPresent() ? Settlement.skipped(skip.get())
                : deliverer.deliver(adapter, message, () -> metrics.retried(work.channel()));
        if (halted) {
            throw new InterruptedException("halted before the status of " + n.getNotificationId() + " was written");
        }
        record(work.key(), work.partition(), n, work.channel(), settlement,
                written -> inFlight.finish(work.partition(), work.generation(), work.offset(), written));
    }

    /**
     * Writes the outcome: for a failure the dead letter first (acknowledged before the status is sent), then
     * the status, without waiting for it, so a channel's statuses travel in batches; {@code onWritten} is told
     * once Kafka acknowledged the status. A status Kafka refuses stops the dispatcher, its work unsettled.
     */
    private void record(final String key, final int partition, final Notification notification, final Channel channel,
            final Settlement settlement, final Consumer<Boolean> onWritten) throws InterruptedException {
        if (settlement.status() == Settlement.Status.FAILED) {
            final NotificationDeadLetter dead = NotificationDeadLetter.newBuilder().setNotification(notification)
                    .setReason(settlement.reason()).setAttempts(settlement.attempts()).setFailedAtMs(clock.instant()).build();
            sendAndWait(Topics.NOTIFICATIONS_DEAD_LETTERS.name(), key, deadLetterSerializer, dead);
            LOG.warn("Notification {} ({} {}) failed after {} attempt(s): {}", notification.getNotificationId(),
                    notification.getKind(), notification.getChannel(), settlement.attempts(), settlement.reason());
        }
        // The status goes last: it is what a replay trusts, so it must never claim more than happened.
        final String topic = Topics.NOTIFICATIONS_DELIVERIES.name();
        producer.send(new ProducerRecord<>(topic, key, statusSerializer.serialize(topic, status(notification, settlement))),
                (metadata, e) -> {
                    onWritten.accept(e == null);
                    if (e != null && !stopping) {
                        LOG.error("Cannot write the status of notification {}", notification.getNotificationId(), e);
                        failure = new IllegalStateException("Cannot write to " + topic, e);
                    }
                });
        settled.add(partition, notification.getNotificationId());
        metrics.settled(channel, settlement);
    }

    private <V extends SpecificRecord> void sendAndWait(final String topic, final String key, final Serializer<V> serializer,
            final V value) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, value))).get();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Cannot write to " + topic, e.getCause());
        }
    }

    private void clearInterruptIfHalted() {
        if (halted) {
            Thread.interrupted();
        }
    }

    /** Waits for the opt-outs to be read, at most {@code timeout}, and no longer once the dispatcher is stopping. */
    private boolean awaitOptOuts(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!stopping && System.nanoTime() < deadline) {
            if (optOuts.awaitCaughtUp(WORKER_POLL)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops the workers: each finishes the delivery it is in, for at most {@link #WORKERS_STOP} in all (a node
     * must stop in seconds); a delivery still running then, a provider slow to answer or a retry's back-off, is
     * interrupted and abandoned, unsettled, so the next start delivers it again.
     */
    private void stopWorkers() {
        workers.values().forEach(Worker::stop);
        if (halted) {
            workers.values().forEach(Worker::interrupt);
        }
        final long deadline = System.nanoTime() + WORKERS_STOP.toNanos();
        workers.values().forEach(w -> w.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        workers.values().forEach(Worker::interrupt);
        workers.values().forEach(w -> w.join(Duration.ofSeconds(2)));
    }

    /** Delivers one channel's notifications, one at a time, in the order they were handed over. */
    private final class Worker implements Runnable {

        private final Channel channel;
        private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
        private volatile boolean stop;
        private Thread thread;

        Worker(final Channel channel) {
            this.channel = channel;
        }

        synchronized void start() {
            thread = new Thread(this, "bourse-notifications-" + channel.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            thread.setDaemon(true);
            thread.start();
        }

        /** Finishes the notification in hand and takes no other; those queued are delivered after the restart. */
        void stop() {
            stop = true;
        }

        synchronized void interrupt() {
            if (thread != null) {
                thread.interrupt();
            }
        }

        void join(final Duration timeout) {
            final Thread t;
            synchronized (this) {
                t = thread;
            }
            if (t == null || !t.isAlive()) {
                return;
            }
            try {
                t.join(Math.max(1, timeout.toMillis()));
                if (t.isAlive()) {
                    LOG.warn("The {} worker did not stop in {} ms", channel, timeout.toMillis());
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            while (!stop && !halted) {
                final Work work;
                try {
                    work = queue.poll(WORKER_POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (final InterruptedException e) {
                    return;
                }
                if (work == null || !inFlight.begin(work.partition(), work.generation())) {
                    continue;
                }
                boolean sent = false;
                try {
                    deliver(work);
                    sent = true;
                } catch (final InterruptedException e) {
                    return;
                } catch (final RuntimeException e) {
                    if (!stopping) {
                        LOG.error("The {} worker stopped on notification {}", channel, work.notification().getNotificationId(), e);
                    }
                    failure = e;
                    return;
                } finally {
                    if (!sent) {
                        inFlight.finish(work.partition(), work.generation(), work.offset(), false);
                    }
                }
            }
        }
    }

    /** On revocation: drops the work not yet begun, waits for the work begun, commits, forgets. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> c;

        Rebalance(final KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> revoked) {
            if (revoked.isEmpty() || halted) {
                return;
            }
            final List<Integer> numbers = partitions(revoked);
            try {
                // Stopping, the workers were already stopped (and what they abandoned is unsettled): no wait.
                if (!inFlight.revoke(numbers, stopping ? Duration.ZERO : REVOKE_WAIT) && !stopping) {
                    LOG.warn("Deliveries on {} still running after {}; the next owner may send them again", revoked, REVOKE_WAIT);
                }
                commit(c, numbers);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final RuntimeException e) {
                LOG.warn("Could not commit {} on revocation; the next owner replays from the last commit: {}", revoked, e.toString());
            } finally {
                forget(numbers);
            }
        }

        @Override
        public void onPartitionsLost(final Collection<TopicPartition> lost) {
            final List<Integer> numbers = partitions(lost);
            try {
                inFlight.revoke(numbers, Duration.ZERO);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            forget(numbers);
        }

        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> assigned) {
            readBackSettled(assigned);
        }

        private void forget(final List<Integer> numbers) {
            inFlight.forget(numbers);
            numbers.forEach(settled::forget);
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
        return endpoints.clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, NotificationsNames.DISPATCHER_GROUP,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords(),
                // The poll loop never waits for a delivery, but a revocation waits for those in flight.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.max(300_000L, 2 * REVOKE_WAIT.toMillis())));
    }

    private Map<String, Object> readerConfig() {
        return endpoints.clientConfig(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    private Map<String, Object> producerConfig() {
        // Statuses are not awaited one by one: a linger gathers a busy channel's into one request.
        return endpoints.clientConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20));
    }
}
