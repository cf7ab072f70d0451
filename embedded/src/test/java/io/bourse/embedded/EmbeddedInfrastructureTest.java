package io.bourse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.HttpSchemaRegistryClient;
import io.bourse.schemas.serde.AvroWireFormat;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.serde.SpecificAvroDeserializer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("broker")
class EmbeddedInfrastructureTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTopicsRecordsAndSchemaIdsAcrossARestartOnTheSameDataDirectory() throws Exception {
        try (EmbeddedInfrastructure infra = new EmbeddedInfrastructure(dataDir, 0, 0).start()) {
            assertCatalogueTopicsExist(infra.bootstrapServers());

            send(infra, placeOrder("cmd-1", "user-1"));
            final List<ConsumerRecord<String, byte[]>> before = readAll(infra.bootstrapServers(), Topics.ORDERS_COMMANDS, 1);
            final int schemaId = AvroWireFormat.schemaId(before.get(0).value());

            infra.restart();

            assertCatalogueTopicsExist(infra.bootstrapServers());
            send(infra, placeOrder("cmd-2", "user-1"));
            final List<ConsumerRecord<String, byte[]>> after = readAll(infra.bootstrapServers(), Topics.ORDERS_COMMANDS, 2);
            // An uncached client proves the restarted registry replayed its ids from _schemas.
            final SpecificAvroDeserializer<OrderCommand> fresh = new SpecificAvroDeserializer<>(OrderCommand.class,
                    new HttpSchemaRegistryClient(infra.schemaRegistryUrl(), Duration.ofSeconds(5), null));
            assertThat(after).extracting(r -> fresh.deserialize(r.topic(), r.value()).getCommandId())
                    .containsExactlyInAnyOrder("cmd-1", "cmd-2");
            assertThat(after).extracting(r -> AvroWireFormat.schemaId(r.value())).containsOnly(schemaId);
            assertThat(after).extracting(ConsumerRecord::key).containsOnly("user-1");
        }
    }

    private static void assertCatalogueTopicsExist(final String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            final Map<String, TopicDescription> described = admin.describeTopics(
                    Topics.ALL.stream().map(Topic::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            for (final Topic<?> topic : Topics.ALL) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
            }
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.SCHEMAS);
        }
    }

    static OrderCommand placeOrder(final String commandId, final String userId) {
        return OrderCommand.newBuilder()
                .setCommandId(commandId)
                .setUserId(userId)
                .setIssuedAtMs(Instant.parse("2026-11-24T09:15:00Z"))
                .setIdempotencyKey(null)
                .setPayload(PlaceOrderCommand.newBuilder()
                        .setOrderId("order-" + commandId)
                        .setClientOrderId(null)
                        .setSymbol("RELIANCE")
                        .setSide(Side.BUY)
                        .setOrderType(OrderType.LIMIT)
                        .setTimeInForce(TimeInForce.GTC)
                        .setLimitPricePaise(245_050L)
                        .setQuantityShares(10L)
                        .setPostOnly(false)
                        .setSelfTradePrevention(SelfTradePrevention.CANCEL_NEWEST)
                        .build())
                .build();
    }

    static void send(final EmbeddedInfrastructure infra, final OrderCommand command) throws Exception {
        final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl());
        try (KafkaProducer<String, OrderCommand> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                Topics.ORDERS_COMMANDS.keySerde().serializer(),
                Topics.ORDERS_COMMANDS.valueSerde(serdeConfig).serializer())) {
            producer.send(new ProducerRecord<>(Topics.ORDERS_COMMANDS.name(), command.getUserId(), command)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads {@code topic} from the beginning until {@code expected} records arrived. */
    static List<ConsumerRecord<String, byte[]>> readAll(final String bootstrapServers, final Topic<?> topic, final int expected) {
        return readAll(bootstrapServers, topic.name(), topic.partitions(), expected);
    }

    /** Reads committed records of {@code topic} from the beginning until {@code expected} arrived. */
    static List<ConsumerRecord<String, byte[]>> readAll(final String bootstrapServers, final String topic,
            final int partitionCount, final int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < partitionCount; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            return records;
        }
    }
}
