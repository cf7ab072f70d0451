package io.bourse.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.deadletter.DeadLetter;
import io.bourse.avro.deadletter.DeadLetterReason;
import io.bourse.avro.orders.CancelOrderCommand;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.SchemaNotFoundException;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import io.bourse.schemas.serde.MalformedRecordException;
import io.bourse.schemas.serde.SerdeConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    private static final String APPLICATION_ID = "dead-letter-test";
    private static final String OUTPUT = "test.out";
    private static final String SOURCE = Topics.ORDERS_COMMANDS.name();
    private static final Instant AT = Instant.parse("2025-03-14T09:15:00Z");

    private final String url = SchemaRegistryClients.MOCK_SCHEME + "dead-letter-test-" + UUID.randomUUID();
    private final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url);
    private String unreachableUrl;

    @AfterEach
    void dropRegistries() {
        SchemaRegistryClients.dropMockScope(url);
        if (unreachableUrl != null) {
            SchemaRegistryClients.dropMockScope(unreachableUrl);
        }
    }

    @Test
    void shouldDeadLetterUnreadableRecordsAndCarryOn() {
        final byte[] malformed = {0, 0, 1};
        final byte[] unknownSchemaId = {0, 0, 0, 0x7F, 0x7F, 2, 65};

        try (TopologyTestDriver driver = new TopologyTestDriver(commandIdTopology(), streamsConfig())) {
            final TestInputTopic<String, OrderCommand> commands = driver.createInputTopic(SOURCE,
                    new StringSerializer(), Topics.ORDERS_COMMANDS.valueSerde(serdeConfig).serializer(), AT,
                    Duration.ofMillis(10));
            final TestInputTopic<String, byte[]> raw = driver.createInputTopic(SOURCE,
                    new StringSerializer(), new ByteArraySerializer(), AT.plusSeconds(1), Duration.ofMillis(10));
            final TestOutputTopic<String, String> output = driver.createOutputTopic(OUTPUT,
                    new StringDeserializer(), new StringDeserializer());
            final TestOutputTopic<String, DeadLetter> deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(),
                    new StringDeserializer(), Topics.DEAD_LETTERS.valueSerde(serdeConfig).deserializer());

            commands.pipeInput("user-1", place("cmd-1", "user-1"));
            raw.pipeInput(new TestRecord<>("user-2", malformed,
                    new RecordHeaders().add(new RecordHeader("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8))),
                    AT.plusSeconds(2)));
            raw.pipeInput("user-3", unknownSchemaId);
            commands.pipeInput("user-1", cancel("cmd-4", "user-1"));

            assertThat(output.readKeyValuesToList()).containsExactly(
                    KeyValue.pair("user-1", "cmd-1"), KeyValue.pair("user-1", "cmd-4"));

            final List<TestRecord<String, DeadLetter>> letters = deadLetters.readRecordsToList();
            assertThat(letters).extracting(TestRecord::key).containsExactly(SOURCE, SOURCE);

            final DeadLetter first = letters.get(0).value();
            assertThat(first.getErrorCode()).isEqualTo(DeadLetterReason.MALFORMED_RECORD);
            assertThat(first.getSourceTopic()).isEqualTo(SOURCE);
            assertThat(first.getSourcePartition()).isZero();
            assertThat(first.getSourceOffset()).isEqualTo(1L);
            assertThat(first.getApplication()).isEqualTo(APPLICATION_ID);
            assertThat(first.getKey()).isEqualTo(ByteBuffer.wrap("user-2".getBytes(StandardCharsets.UTF_8)));
            assertThat(first.getValue()).isEqualTo(ByteBuffer.wrap(malformed));
            assertThat(first.getHeaders()).containsOnlyKeys("traceparent");
            assertThat(first.getHeaders().get("traceparent"))
                    .isEqualTo(ByteBuffer.wrap("00-abc-01".getBytes(StandardCharsets.UTF_8)));
            assertThat(first.getRecordTimestampMs()).isEqualTo(AT.plusSeconds(2));
            assertThat(first.getExceptionClass()).isEqualTo(MalformedRecordException.class.getName());
            assertThat(first.getErrorMessage()).contains("too short");

            final DeadLetter second = letters.get(1).value();
            assertThat(second.getErrorCode()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
            assertThat(second.getSourceTopic()).isEqualTo(SOURCE);
            assertThat(second.getSourceOffset()).isEqualTo(2L);
            assertThat(second.getApplication()).isEqualTo(APPLICATION_ID);
            assertThat(second.getValue()).isEqualTo(ByteBuffer.wrap(unknownSchemaId));
            assertThat(second.getExceptionClass()).isEqualTo(SchemaNotFoundException.class.getName());
        }
    }

    @Test
    void shouldFailOnRegistryUnavailableByDefault() {
        final DeadLetterDeserializationHandler handler = handler(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, url,
                StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID));

        final Response response = handler.handleError(null, sourceRecord(),
                new SchemaRegistryUnavailableException("registry down", null));

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldStillDeadLetterOtherFailuresWhenFailingOnRegistryUnavailable() {
        final DeadLetterDeserializationHandler handler = handler(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, url));

        final Response response = handler.handleError(null, sourceRecord(),
                new MalformedRecordException("bad bytes"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
    }

    @Test
    void shouldDeadLetterRegistryUnavailableWhenConfiguredTo() {
        final DeadLetterDeserializationHandler handler = handler(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, url,
                StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
                DeadLetterDeserializationHandler.ON_REGISTRY_UNAVAILABLE, "dead-letter"));

        final Response response = handler.handleError(null, sourceRecord(),
                new SchemaRegistryUnavailableException("registry down", null));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        final ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
        assertThat(record.topic()).isEqualTo(Topics.DEAD_LETTERS.name());
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(SOURCE);
        final DeadLetter letter = Topics.DEAD_LETTERS.valueSerde(serdeConfig).deserializer()
                .deserialize(Topics.DEAD_LETTERS.name(), record.value());
        assertThat(letter.getErrorCode()).isEqualTo(DeadLetterReason.REGISTRY_UNAVAILABLE);
        assertThat(letter.getSourceOffset()).isEqualTo(17L);
        assertThat(letter.getSourcePartition()).isEqualTo(3);
        assertThat(letter.getApplication()).isEqualTo(APPLICATION_ID);
        assertThat(letter.getErrorMessage()).isEqualTo("registry down");
    }

    @Test
    void shouldFailRatherThanLoseRecordWhenDeadLetterCannotBeWritten() throws IOException {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        unreachableUrl = "http://localhost:" + closedPort;
        final DeadLetterDeserializationHandler handler = handler(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, unreachableUrl));

        final Response response = handler.handleError(null, sourceRecord(),
                new MalformedRecordException("bad bytes"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    private static DeadLetterDeserializationHandler handler(final Map<String, ?> configs) {
        final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(configs);
        return handler;
    }

    private static ConsumerRecord<byte[], byte[]> sourceRecord() {
        return new ConsumerRecord<>(SOURCE, 3, 17L, "user-9".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1});
    }

    private Topology commandIdTopology() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(SOURCE, Consumed.with(Serdes.String(), Topics.ORDERS_COMMANDS.valueSerde(serdeConfig)))
                .mapValues(OrderCommand::getCommandId)
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private Properties streamsConfig() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL, url);
        return props;
    }

    private static OrderCommand place(final String commandId, final String userId) {
        return OrderCommand.newBuilder()
                .setCommandId(commandId)
                .setUserId(userId)
                .setIssuedAtMs(AT)
                .setPayload(PlaceOrderCommand.newBuilder()
                        .setOrderId("ord-" + commandId)
                        .setSymbol("INFY")
                        .setSide(Side.SELL)
                        .setOrderType(OrderType.LIMIT)
                        .setTimeInForce(TimeInForce.GTC)
                        .setLimitPricePaise(151_230L)
                        .setQuantityShares(25L)
                        .build())
                .build();
    }

    private static OrderCommand cancel(final String commandId, final String userId) {
        return OrderCommand.newBuilder()
                .setCommandId(commandId)
                .setUserId(userId)
                .setIssuedAtMs(AT.plusSeconds(5))
                .setPayload(CancelOrderCommand.newBuilder().setOrderId("ord-cmd-1").build())
                .build();
    }
}
