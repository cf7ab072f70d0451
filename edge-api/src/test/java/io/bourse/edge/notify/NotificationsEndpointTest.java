package io.bourse.edge.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.notifications.NotificationCommand;
import io.bourse.avro.notifications.NotificationCommandType;
import io.bourse.edge.Http;
import io.bourse.edge.TestNodes;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.catalogue.UserIds;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.testing.Ports;
import io.bourse.testing.broker.SharedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The in-app inbox's endpoints on a node: a notification is marked read only by its own user; an id that
 * is not in the caller's inbox, unknown or another user's, is a 404 problem and writes no command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SharedBroker
class NotificationsEndpointTest {

    @TempDir
    static Path dir;
    private KafkaEndpoints endpoints;
    private ConfigurableApplicationContext node;
    private int port;

    @BeforeAll
    void start(final EmbeddedInfrastructure shared) {
        endpoints = new KafkaEndpoints(shared.bootstrapServers(), shared.schemaRegistryUrl());
        port = Ports.free();
        node = TestNodes.start(shared, dir.resolve("node"), port,
                "--bourse.security.jwt-secret=notifications-endpoint-test-secret-32b",
                "--bourse.payments.webhook-secret=notifications-endpoint-webhook",
                "--bourse.notifications.dispatcher-enabled=false");
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void shouldMarkReadOnlyTheCallersOwnNotificationAndAnswer404ForAnyOtherId() {
        final Http http = new Http(port);
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String ashaEmail = "asha-" + suffix + "@example.com";
        final String asha = http.signUp(ashaEmail, "Asha Rao").path("accessToken").asString();
        final String ravi = http.signUp("ravi-" + suffix + "@example.com", "Ravi Kumar").path("accessToken").asString();
        final String ashasId = await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/notifications", asha),
                r -> r.status() == 200 && r.body().path("unread").asInt() == 1).body().path("items").get(0).path("id").asString();

        final Http.Response unknown = http.post("/api/v1/notifications/" + UUID.randomUUID() + "/read", Map.of(), asha);
        final Http.Response someoneElses = http.post("/api/v1/notifications/" + ashasId + "/read", Map.of(), ravi);

        for (final Http.Response notFound : List.of(unknown, someoneElses)) {
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.code()).isEqualTo("NOTIFICATION_NOT_FOUND");
            assertThat(notFound.headers().get("Content-Type")).anySatisfy(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(markReadCommands(ashasId)).as("Ravi's attempt wrote no command").isEmpty();
        assertThat(http.get("/api/v1/notifications", asha).body().path("unread").asInt()).isEqualTo(1);

        assertThat(http.post("/api/v1/notifications/" + ashasId + "/read", Map.of(), asha).status()).isEqualTo(202);
        final JsonNode inbox = await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/notifications", asha).body(),
                b -> b.path("unread").asInt() == 0);
        assertThat(inbox.path("items").get(0).path("read").asBoolean()).isTrue();
        assertThat(markReadCommands(ashasId)).extracting(ConsumerRecord::key).containsExactly(UserIds.forEmail(ashaEmail));
        assertThat(http.get("/api/v1/notifications", ravi).body().path("items")).allSatisfy(item ->
                assertThat(item.path("id").asString()).isNotEqualTo(ashasId));
    }

    /** The MARK_READ commands on {@code notifications.commands} that name {@code notificationId}. */
    private List<ConsumerRecord<String, NotificationCommand>> markReadCommands(final String notificationId) {
        try (KafkaConsumer<String, NotificationCommand> consumer = new KafkaConsumer<>(endpoints.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(),
                Topics.NOTIFICATIONS_COMMANDS.valueSerde(endpoints.serdeConfig()).deserializer())) {
            final String topic = Topics.NOTIFICATIONS_COMMANDS.name();
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final List<ConsumerRecord<String, NotificationCommand>> found = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (final ConsumerRecord<String, NotificationCommand> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value().getType() == NotificationCommandType.MARK_READ && notificationId.equals(r.value().getNotificationId())) {
                        found.add(r);
                    }
                }
            }
            return found;
        }
    }
}
