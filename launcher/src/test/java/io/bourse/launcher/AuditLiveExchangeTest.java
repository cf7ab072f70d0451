package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.BourseNode;
import io.bourse.edge.TestData;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.tools.audit.AuditMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit of a live exchange: a whole node (in-process broker, all topologies) with the market
 * simulator trading throughout. Every audit taken while trades keep coming must be clean — work
 * between stages at the cut is in flight, not broken — and garbage in every topic the audit reads
 * is skipped and reported by offset, never the end of the audit.
 */
@SpringBootTest(classes = {BourseNode.class, DemoExchange.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("broker")
class AuditLiveExchangeTest {

    private static final Path DATA = TestData.directory("bourse-audit-live");
    private static final String CHANGELOG = PortfolioNames.APPLICATION_ID + "-" + PortfolioNames.POSITIONS.name() + "-changelog";

    @Autowired
    private KafkaEndpoints endpoints;

    @DynamicPropertySource
    static void properties(final DynamicPropertyRegistry registry) {
        registry.add("bourse.data-dir", DATA::toString);
        registry.add("bourse.kafka.embedded-kafka-port", () -> 0);
        registry.add("bourse.kafka.embedded-registry-port", () -> 0);
        registry.add("bourse.simulator.enabled", () -> true);
        registry.add("bourse.simulator.orders-per-second", () -> 150);
        registry.add("bourse.security.jwt-secret", () -> "an-audit-live-test-secret-of-32-bytes!");
    }

    @Test
    @Order(1)
    void shouldFindEveryInvariantIntactWhileTheSimulatorTrades() {
        await().atMost(Duration.ofSeconds(120)).until(() -> trades() > 300);
        final long tradesBefore = trades();
        long excused = 0;
        long inFlight = 0;
        for (int audit = 1; audit <= 3; audit++) {
            final List<String> report = new ArrayList<>();
            final AuditMain.Report result = AuditMain.audit(endpoints.bootstrapServers(), endpoints.schemaRegistryUrl(), report::add);
            System.out.println(String.join("\n", report));
            assertThat(result.violations()).as(String.join("\n", report)).isEmpty();
            assertThat(result.skippedCount()).isZero();
            assertThat(report.get(0)).contains("every invariant holds");
            excused += result.sidesExcused();
            inFlight += result.resultsInFlight();
        }
        assertThat(trades()).as("the exchange traded during the audits").isGreaterThan(tradesBefore);
        System.out.println("Three audits of a trading exchange: " + inFlight + " matching results in flight at their cuts, "
                + excused + " trade sides judged in flight");
    }

    @Test
    @Order(2)
    void shouldSkipAndReportGarbageInEveryTopicItReads() throws Exception {
        final List<String> topics = List.of(Topics.PAYMENTS_EVENTS.name(), Topics.ORDERS_EVENTS.name(), Topics.PORTFOLIO_POSTINGS.name(),
                Topics.TRADES_EXECUTED.name(), CHANGELOG);
        final List<String> poison = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (final String topic : topics) {
                for (final byte[] garbage : List.of("not avro at all".getBytes(StandardCharsets.UTF_8),
                        new byte[] {0, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff})) {
                    final RecordMetadata sent = producer.send(new ProducerRecord<>(topic, 0, "poison".getBytes(StandardCharsets.UTF_8),
                            garbage)).get();
                    poison.add(sent.topic() + "-" + sent.partition() + "@" + sent.offset());
                }
            }
        }

        // A record is readable once every transaction begun before it on its partition has ended.
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.stream().allMatch(topic -> stableEnd(topic) > lastPoison(poison, topic)));
        final List<String> report = new ArrayList<>();
        final AuditMain.Report result = AuditMain.audit(endpoints.bootstrapServers(), endpoints.schemaRegistryUrl(), report::add);

        System.out.println(String.join("\n", report));
        assertThat(result.violations()).as(String.join("\n", report)).isEmpty();
        assertThat(result.skippedCount()).isEqualTo(poison.size());
        assertThat(result.skipped()).extracting(s -> s.topic() + "-" + s.partition() + "@" + s.offset())
                .containsExactlyInAnyOrderElementsOf(poison);
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("Skipped " + poison.size() + " record(s)"));
    }

    private static long lastPoison(final List<String> poison, final String topic) {
        return poison.stream().filter(p -> p.startsWith(topic + "-0@")).mapToLong(p -> Long.parseLong(p.substring(p.indexOf('@') + 1)))
                .max().orElseThrow();
    }

    private long stableEnd(final String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private long trades() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRADES_EXECUTED.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
