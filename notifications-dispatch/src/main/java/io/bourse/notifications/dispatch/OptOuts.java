package io.bourse.notifications.dispatch;

import io.bourse.avro.notifications.NotificationChannel;
import io.bourse.avro.notifications.NotificationKind;
import io.bourse.avro.notifications.NotificationPreferences;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The (kind, channel) pairs each user has turned off, followed from the changelog of the notifications
 * topology's preferences store (committed records only, every partition, from the beginning: it is
 * compacted). The topology writes no notification for a pair that is off when it decides; this is how
 * the dispatcher learns that a pair was turned off after a notification was written and before it was
 * delivered, and settles that one as SKIPPED ({@code TURNED_OFF}).
 *
 * <p>Only users with a pair turned off are kept. A change is seen a moment after the topology commits it
 * (this reader polls every 200 ms), so a notification delivered in that moment still goes out. Until the
 * changelog exists (a dispatcher started before its first node ran the topology) nothing is turned off;
 * it is looked for again every few seconds.
 */
final class OptOuts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OptOuts.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

    private final KafkaEndpoints endpoints;
    private final String topic;
    private final Deserializer<NotificationPreferences> preferences;
    private final Map<String, Set<String>> off = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    OptOuts(final KafkaEndpoints endpoints) {
        this.endpoints = endpoints;
        this.topic = NotificationsNames.PREFERENCES.changelogTopic(NotificationsNames.APPLICATION_ID);
        this.preferences = NotificationsNames.PREFERENCES.valueSerde(endpoints.serdeConfig()).deserializer();
    }

    /** Whether {@code userId} has turned {@code kind} off on {@code channel}, as far as this reader knows. */
    boolean turnedOff(final String userId, final NotificationKind kind, final NotificationChannel channel) {
        final Set<String> pairs = off.get(userId);
        return pairs != null && pairs.contains(pair(kind, channel));
    }

    synchronized OptOuts start() {
        thread = new Thread(this::run, "bourse-notifications-opt-outs");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Waits at most {@code timeout} until the changelog was read to the end it had at start. */
    boolean awaitCaughtUp(final Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stopping = true;
        final KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        final Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(endpoints.clientConfig(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            final List<TopicPartition> partitions = awaitTopic(c);
            if (partitions.isEmpty()) {
                return;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            while (!stopping) {
                for (final ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                    apply(r);
                }
                if (caughtUp.getCount() > 0 && partitions.stream().allMatch(p -> c.position(p) >= ends.getOrDefault(p, 0L))) {
                    LOG.info("Notification opt-outs read from {}: {} users have turned a kind off on a channel", topic, off.size());
                    caughtUp.countDown();
                }
            }
        } catch (final WakeupException | InterruptException e) {
            LOG.debug("Opt-out reader woken up to stop");
        } catch (final RuntimeException e) {
            if (!stopping) {
                LOG.error("The notification opt-out reader stopped: opt-outs made from now on are not seen until a restart", e);
            }
        } finally {
            caughtUp.countDown();
            consumer = null;
        }
    }

    /** The changelog's partitions, once it exists; counts as caught up while it does not. */
    private List<TopicPartition> awaitTopic(final KafkaConsumer<String, byte[]> c) {
        boolean said = false;
        while (!stopping) {
            final List<PartitionInfo> infos = c.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            if (!said) {
                LOG.info("No {} yet (the notifications topology has not run): nobody has turned a channel off so far", topic);
                said = true;
            }
            caughtUp.countDown();
            try {
                Thread.sleep(LOOK_AGAIN.toMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private void apply(final ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            off.remove(r.key());
            return;
        }
        final NotificationPreferences p;
        try {
            p = preferences.deserialize(r.topic(), r.value());
        } catch (final RuntimeException e) {
            LOG.warn("Skipping unreadable preferences {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        final Set<String> pairs = p.getSettings().stream().filter(s -> !s.getEnabled())
                .map(s -> pair(s.getKind(), s.getChannel())).collect(Collectors.toUnmodifiableSet());
        if (pairs.isEmpty()) {
            off.remove(r.key());
        } else {
            off.put(r.key(), pairs);
        }
    }

    private static String pair(final NotificationKind kind, final NotificationChannel channel) {
        return kind.name() + "/" + channel.name();
    }
}
