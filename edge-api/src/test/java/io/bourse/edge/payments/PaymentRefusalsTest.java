package io.bourse.edge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.cluster.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin refusal view on a real broker: what one node shows, a node started later (a restart, or
 * another node of the cluster) shows as well, in the same order, and both follow what comes next.
 */
@Tag("broker")
class PaymentRefusalsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    static Path dir;
    private static EmbeddedInfrastructure infra;
    private static KafkaEndpoints endpoints;
    private static KafkaProducer<String, PaymentEvent> producer;

    private final List<PaymentRefusals> nodes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        infra = new EmbeddedInfrastructure(Files.createDirectories(dir.resolve("kafka")), 0, 0).start();
        endpoints = new KafkaEndpoints(infra.bootstrapServers(), infra.schemaRegistryUrl());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, t -> 3).ensure(List.of(Topics.PAYMENTS_EVENTS));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new StringSerializer(), Topics.PAYMENTS_EVENTS.valueSerde(endpoints.serdeConfig()).serializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        infra.close();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(PaymentRefusals::stop);
    }

    @Test
    void shouldShowTheSameRefusalsAfterARestartAndOnAnotherNode() throws Exception {
        // Users on different partitions, refusals among events that are not, written out of time order.
        send(event("u-alice", PaymentEventType.DEPOSIT_INTENT_CREATED, null, 1));
        send(event("unmatched-payments", PaymentEventType.DEPOSIT_REJECTED, "UNKNOWN_PROVIDER_ORDER", 3));
        send(event("u-bob", PaymentEventType.WITHDRAWAL_REFUSED, "INSUFFICIENT_FUNDS", 2));
        send(event("u-carol", PaymentEventType.PAYOUT_REJECTED, "AMOUNT_MISMATCH", 4));
        send(event("u-bob", PaymentEventType.DEPOSIT_CONFIRMED, null, 5));

        final PaymentRefusals first = node();
        final List<String> expected = List.of("u-carol PAYOUT_REJECTED AMOUNT_MISMATCH",
                "unmatched-payments DEPOSIT_REJECTED UNKNOWN_PROVIDER_ORDER", "u-bob WITHDRAWAL_REFUSED INSUFFICIENT_FUNDS");
        await().atMost(WAIT).untilAsserted(() -> assertThat(shown(first, 10)).isEqualTo(expected));

        first.stop(); // the node goes down; a new one (or the same one, restarted) reads the topic again
        nodes.remove(first);
        final PaymentRefusals second = node();
        final PaymentRefusals third = node();
        assertThat(shown(second, 10)).as("read up to where the topic stood before answering").isEqualTo(expected);
        assertThat(shown(third, 2)).isEqualTo(expected.subList(0, 2));

        send(event("u-dave", PaymentEventType.DEPOSIT_REJECTED, "AMOUNT_MISMATCH", 6));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(shown(second, 1)).containsExactly("u-dave DEPOSIT_REJECTED AMOUNT_MISMATCH");
            assertThat(shown(third, 10)).isEqualTo(shown(second, 10)).hasSize(4);
        });
    }

    private PaymentRefusals node() {
        final PaymentRefusals node = new PaymentRefusals(endpoints);
        node.start();
        nodes.add(node);
        return node;
    }

    private static List<String> shown(final PaymentRefusals node, final int limit) {
        return node.latest(limit).stream().map(e -> e.getUserId() + " " + e.getType() + " " + e.getReason()).toList();
    }

    private static void send(final PaymentEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.PAYMENTS_EVENTS.name(), event.getUserId(), event)).get();
    }

    private static PaymentEvent event(final String userId, final PaymentEventType type, final String reason, final int minute) {
        return PaymentEvent.newBuilder().setEventId("pe-" + userId + "-" + minute).setType(type).setUserId(userId)
                .setProvider("sandbox").setAmountPaise(10_000L).setCurrency("INR").setReason(reason)
                .setTimestampMs(T0.plus(Duration.ofMinutes(minute))).build();
    }
}
