package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.testing.broker.SharedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The edge's topic follower on a real broker: where it starts, when it has caught up, and that it never stops on its own. */
@SharedBroker
class TopicFollowerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedInfrastructure infra;
    private static KafkaProducer<String, String> producer;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final List<String> received = new CopyOnWriteArrayList<>();
    private TopicFollower<String, String> follower;

    @BeforeAll
    static void start(final EmbeddedInfrastructure shared) {
        infra = shared;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
    }

    @AfterEach
    void stopFollower() {
        if (follower != null) {
            follower.stop();
        }
    }

    @Test
    void shouldReadWhatTheTopicHoldsThenFollowIt() throws Exception {
        final String topic = newTopic();
        send(topic, 0, "a");
        send(topic, 1, "b");
        follower = follower(topic, TopicFollower.From.BEGINNING, new StringDeserializer(), records -> collect(records));
        follower.start();

        assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
        assertThat(received).containsExactlyInAnyOrder("a", "b");

        send(topic, 1, "c");
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactlyInAnyOrder("a", "b", "c"));
    }

    @Test
    void shouldStartAtTheEndAndDeliverOnlyWhatArrivesAfterStart() throws Exception {
        final String topic = newTopic();
        send(topic, 0, "before");
        follower = follower(topic, TopicFollower.From.END, new StringDeserializer(), records -> collect(records));
        follower.start();
        assertThat(follower.awaitCaughtUp(Duration.ZERO)).isTrue();

        send(topic, 0, "after");
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("after"));
    }

    @Test
    void shouldRetryAnUnreadableRecordUntilItCanBeReadWithoutSkippingIt() throws Exception {
        final String topic = newTopic();
        final AtomicBoolean registryUp = new AtomicBoolean(false);
        final AtomicInteger failures = new AtomicInteger();
        final Deserializer<String> flaky = (t, bytes) -> {
            if (!registryUp.get()) {
                failures.incrementAndGet();
                throw new SerializationException("schema registry unreachable");
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        };
        send(topic, 0, "first");
        follower = follower(topic, TopicFollower.From.BEGINNING, flaky, records -> collect(records));
        follower.start();

        await().atMost(WAIT).until(() -> failures.get() >= 3);
        assertThat(received).isEmpty();
        assertThat(follower.awaitCaughtUp(Duration.ZERO)).as("not caught up while a record cannot be read").isFalse();
        assertThat(follower.isRunning()).isTrue();

        registryUp.set(true);
        send(topic, 0, "second");
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("first", "second"));
        assertThat(follower.awaitCaughtUp(Duration.ZERO)).isTrue();
    }

    @Test
    void shouldGoOnFollowingAfterTheHandlerFails() throws Exception {
        final String topic = newTopic();
        final AtomicBoolean failed = new AtomicBoolean();
        follower = follower(topic, TopicFollower.From.END, new StringDeserializer(), records -> {
            if (!records.isEmpty() && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("listener bug");
            }
            collect(records);
        });
        follower.start();

        send(topic, 0, "lost to the failing handler");
        await().atMost(WAIT).untilTrue(failed);
        send(topic, 0, "next");
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("next"));
    }

    @Test
    void shouldStopPromptlyEvenWhilePausingBeforeARetry() throws Exception {
        final String topic = newTopic();
        final AtomicInteger failures = new AtomicInteger();
        final Deserializer<String> broken = (t, bytes) -> {
            failures.incrementAndGet();
            throw new SerializationException("schema registry unreachable");
        };
        send(topic, 0, "unreadable");
        follower = new TopicFollower<>("follower-test-stop-" + topic, endpoints(), List.of(topic),
                TopicFollower.From.BEGINNING, new StringDeserializer(), broken, records -> collect(records), Duration.ofMinutes(1));
        follower.start();
        await().atMost(WAIT).until(() -> failures.get() >= 1);

        follower.stop();

        assertThat(follower.isRunning()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).as("the follower's thread has ended")
                .noneMatch(t -> t.getName().equals("follower-test-stop-" + topic) && t.isAlive());
    }

    private TopicFollower<String, String> follower(final String topic, final TopicFollower.From from,
            final Deserializer<String> values, final Consumer<ConsumerRecords<String, String>> handler) {
        return new TopicFollower<>("follower-test-" + topic, endpoints(), List.of(topic), from,
                new StringDeserializer(), values, handler, Duration.ofMillis(50));
    }

    private void collect(final ConsumerRecords<String, String> records) {
        records.forEach(r -> received.add(r.value()));
    }

    private static KafkaEndpoints endpoints() {
        return new KafkaEndpoints(infra.bootstrapServers(), infra.schemaRegistryUrl());
    }

    private static String newTopic() throws Exception {
        final String name = "follower-" + TOPICS.incrementAndGet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        }
        return name;
    }

    private static void send(final String topic, final int partition, final String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, "key", value)).get();
    }
}
