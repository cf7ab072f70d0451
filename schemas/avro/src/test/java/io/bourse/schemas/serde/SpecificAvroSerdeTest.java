package io.bourse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.market.Ticker;
import io.bourse.avro.matching.BookUpdate;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.schemas.TestSchemas;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.RegisteredSchema;
import io.bourse.schemas.registry.SchemaNotFoundException;
import io.bourse.schemas.registry.SchemaRegistryClient;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

    private static final String ORDERS = Topics.ORDERS_COMMANDS.name();
    private static final String ORDERS_SUBJECT = SerdeConfig.subject(ORDERS, false);
    private static final Instant ISSUED_AT = Instant.parse("2025-03-14T09:15:02.123Z");

    private final String url = SchemaRegistryClients.MOCK_SCHEME + "serde-test-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url);
    private final Serde<OrderCommand> orders = Topics.ORDERS_COMMANDS.valueSerde(config);
    private final SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url, null);
    private String unreachableUrl;

    @AfterEach
    void dropRegistries() {
        SchemaRegistryClients.dropMockScope(url);
        if (unreachableUrl != null) {
            SchemaRegistryClients.dropMockScope(unreachableUrl);
        }
    }

    @Test
    void shouldRoundTripPlaceOrderCommand() {
        final OrderCommand command = placeOrder();

        final byte[] bytes = orders.serializer().serialize(ORDERS, command);
        final OrderCommand read = orders.deserializer().deserialize(ORDERS, bytes);

        assertThat(read).isEqualTo(command);
        assertThat(read.getIssuedAtMs()).isEqualTo(ISSUED_AT);
        assertThat(read.getPayload()).isInstanceOf(PlaceOrderCommand.class);
        assertThat(((PlaceOrderCommand) read.getPayload()).getLimitPricePaise()).isEqualTo(295_005L);
    }

    @Test
    void shouldWriteMagicByteAndRegisteredSchemaIdBigEndian() {
        final byte[] bytes = orders.serializer().serialize(ORDERS, placeOrder());

        final RegisteredSchema registered = registry.latest(ORDERS_SUBJECT);
        assertThat(registered.schema()).isEqualTo(OrderCommand.getClassSchema());
        assertThat(bytes[0]).isEqualTo(AvroWireFormat.MAGIC_BYTE);
        assertThat(Arrays.copyOfRange(bytes, 1, AvroWireFormat.HEADER_SIZE))
                .containsExactly(ByteBuffer.allocate(4).putInt(registered.id()).array());
        assertThat(AvroWireFormat.schemaId(bytes)).isEqualTo(registered.id());
    }

    @Test
    void shouldUseIdsAbove255InTheHeader() {
        // Fill the registry so the orders schema gets an id that needs more than one byte.
        for (int i = 0; i < 300; i++) {
            registry.register("filler-" + i + "-value", Schema.createFixed("Filler" + i, null, "test.filler", 1));
        }

        final byte[] bytes = orders.serializer().serialize(ORDERS, placeOrder());

        final int id = registry.latest(ORDERS_SUBJECT).id();
        assertThat(id).isGreaterThan(255);
        assertThat(Arrays.copyOfRange(bytes, 1, AvroWireFormat.HEADER_SIZE))
                .containsExactly(ByteBuffer.allocate(4).putInt(id).array());
        assertThat(orders.deserializer().deserialize(ORDERS, bytes)).isEqualTo(placeOrder());
    }

    @Test
    void shouldMapNullToNull() {
        assertThat(orders.serializer().serialize(ORDERS, null)).isNull();
        assertThat(orders.deserializer().deserialize(ORDERS, null)).isNull();
    }

    @Test
    void shouldRejectEmptyArrayAsMalformed() {
        assertMalformed(new byte[0]);
    }

    @Test
    void shouldRejectRecordShorterThanTheHeaderAsMalformed() {
        assertMalformed(new byte[] {0, 0, 1});
    }

    @Test
    void shouldRejectWrongMagicByteAsMalformed() {
        final byte[] bytes = orders.serializer().serialize(ORDERS, placeOrder());
        bytes[0] = 1;

        assertThatThrownBy(() -> orders.deserializer().deserialize(ORDERS, bytes))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("magic byte 1");
    }

    @Test
    void shouldRejectGarbageAfterValidHeaderAsMalformed() {
        final int id = AvroWireFormat.schemaId(orders.serializer().serialize(ORDERS, placeOrder()));
        // Eleven 0xFF bytes are no valid zig-zag varint, so the commandId's length cannot be read.
        final byte[] garbage = new byte[11];
        Arrays.fill(garbage, (byte) 0xFF);

        assertMalformed(concat(header(id), garbage));
    }

    @Test
    void shouldRejectTruncatedRecordAsMalformed() {
        final byte[] bytes = orders.serializer().serialize(ORDERS, placeOrder());

        assertMalformed(Arrays.copyOf(bytes, bytes.length - 3));
    }

    @Test
    void shouldRejectTrailingBytesAfterValidRecordAsMalformed() {
        final byte[] bytes = orders.serializer().serialize(ORDERS, placeOrder());

        assertThatThrownBy(() -> orders.deserializer().deserialize(ORDERS, concat(bytes, new byte[] {42})))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Trailing bytes");
    }

    @Test
    void shouldRejectAHugeCollectionLengthAsMalformedInsteadOfRunningOutOfMemory() throws IOException {
        final int id = registry.register(SerdeConfig.subject(Topics.BOOK_UPDATES.name(), false), BookUpdate.getClassSchema());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        encoder.writeString("TCS");
        encoder.writeLong(1L);
        encoder.writeLong(0L);
        encoder.writeArrayStart();
        encoder.setItemCount(268_435_456L);
        encoder.flush();

        assertThatThrownBy(() -> Topics.BOOK_UPDATES.valueSerde(config).deserializer()
                .deserialize(Topics.BOOK_UPDATES.name(), out.toByteArray()))
                .isInstanceOf(MalformedRecordException.class)
                .hasCauseInstanceOf(org.apache.avro.SystemLimitException.class);
    }

    @Test
    void shouldFailWithSchemaNotFoundForUnknownSchemaId() {
        orders.serializer().serialize(ORDERS, placeOrder());
        final int unknownId = registry.latest(ORDERS_SUBJECT).id() + 1000;

        assertThatThrownBy(() -> orders.deserializer().deserialize(ORDERS, concat(header(unknownId), new byte[] {2, 65})))
                .isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e -> assertThat(((SchemaNotFoundException) e).errorCode())
                        .isEqualTo(SchemaNotFoundException.SCHEMA_NOT_FOUND));
    }

    @Test
    void shouldFailWithRegistryUnavailableWhenRegistryCannotBeReached() throws IOException {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        unreachableUrl = "http://localhost:" + closedPort;
        final Serde<OrderCommand> serde = Topics.ORDERS_COMMANDS.valueSerde(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, unreachableUrl));

        assertThatThrownBy(() -> serde.serializer().serialize(ORDERS, placeOrder()))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void shouldReadRecordFromNewerWriterWithExtraField() throws IOException {
        final String topic = Topics.TRADES_EXECUTED.name();
        final Schema newer = TestSchemas.withField(Trade.getClassSchema(), 3,
                new Schema.Field("venue", Schema.create(Schema.Type.STRING), "Venue the trade happened on."));
        final int id = registry.register(SerdeConfig.subject(topic, false), newer);
        final GenericRecord written = new GenericData.Record(newer);
        written.put("tradeId", "RELIANCE-42");
        written.put("sequence", 42L);
        written.put("symbol", "RELIANCE");
        written.put("venue", "NSE");
        written.put("pricePaise", 295_005L);
        written.put("quantityShares", 10L);
        written.put("aggressorSide", new GenericData.EnumSymbol(Side.getClassSchema(), "SELL"));
        written.put("buyOrderId", "ord-1");
        written.put("buyUserId", "user-1");
        written.put("sellOrderId", "ord-2");
        written.put("sellUserId", "user-2");
        written.put("timestampMs", ISSUED_AT.toEpochMilli());

        final Trade trade = Topics.TRADES_EXECUTED.valueSerde(config).deserializer()
                .deserialize(topic, wireFormat(id, written));

        assertThat(trade).isEqualTo(Trade.newBuilder()
                .setTradeId("RELIANCE-42").setSequence(42L).setSymbol("RELIANCE")
                .setPricePaise(295_005L).setQuantityShares(10L).setAggressorSide(Side.SELL)
                .setBuyOrderId("ord-1").setBuyUserId("user-1").setSellOrderId("ord-2").setSellUserId("user-2")
                .setTimestampMs(ISSUED_AT)
                .build());
    }

    @Test
    void shouldFillDefaultForFieldAnOlderWriterLacks() throws IOException {
        final String topic = Topics.MARKET_TICKERS.name();
        final Schema older = TestSchemas.withoutField(Ticker.getClassSchema(), "bestAskPricePaise");
        final int id = registry.register(SerdeConfig.subject(topic, false), older);

        final Ticker ticker = Topics.MARKET_TICKERS.valueSerde(config).deserializer()
                .deserialize(topic, wireFormat(id, tickerRecord(older)));

        assertThat(ticker.getSymbol()).isEqualTo("TCS");
        assertThat(ticker.getLastPricePaise()).isEqualTo(412_000L);
        assertThat(ticker.getBestBidPricePaise()).isEqualTo(411_950L);
        assertThat(ticker.getBestAskPricePaise()).isNull();
        assertThat(ticker.getTimestampMs()).isEqualTo(ISSUED_AT);
    }

    @Test
    void shouldRejectWriterLackingRequiredFieldAsMalformedWithTypeMismatchCause() throws IOException {
        final String topic = Topics.MARKET_TICKERS.name();
        final Schema incompatible = TestSchemas.withoutField(Ticker.getClassSchema(), "lastPricePaise");
        final int id = registry.register(SerdeConfig.subject(topic, false), incompatible);
        final byte[] bytes = wireFormat(id, tickerRecord(incompatible));

        assertThatThrownBy(() -> Topics.MARKET_TICKERS.valueSerde(config).deserializer().deserialize(topic, bytes))
                .isInstanceOf(MalformedRecordException.class)
                .hasCauseInstanceOf(AvroTypeException.class)
                .hasMessageContaining("lastPricePaise");
    }

    @Test
    void shouldUseRegisteredSchemaWhenAutoRegisterIsOff() {
        final int id = registry.register(ORDERS_SUBJECT, OrderCommand.getClassSchema());
        final Serde<OrderCommand> serde = Topics.ORDERS_COMMANDS.valueSerde(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));

        final byte[] bytes = serde.serializer().serialize(ORDERS, placeOrder());

        assertThat(AvroWireFormat.schemaId(bytes)).isEqualTo(id);
        assertThat(registry.latest(ORDERS_SUBJECT).version()).isEqualTo(1);
    }

    @Test
    void shouldFailClearlyWhenAutoRegisterIsOffAndNothingIsRegistered() {
        final Serde<OrderCommand> serde = Topics.ORDERS_COMMANDS.valueSerde(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        assertThatThrownBy(() -> serde.serializer().serialize(ORDERS, placeOrder()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(ORDERS_SUBJECT)
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> registry.latest(ORDERS_SUBJECT)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void shouldFailClearlyWhenAutoRegisterIsOffAndLatestSchemaDiffers() {
        registry.register(ORDERS_SUBJECT, TestSchemas.withoutField(OrderCommand.getClassSchema(), "idempotencyKey"));
        final Serde<OrderCommand> serde = Topics.ORDERS_COMMANDS.valueSerde(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));

        assertThatThrownBy(() -> serde.serializer().serialize(ORDERS, placeOrder()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(ORDERS_SUBJECT)
                .hasMessageContaining("auto.register.schemas is false");
    }

    private void assertMalformed(final byte[] bytes) {
        assertThatThrownBy(() -> orders.deserializer().deserialize(ORDERS, bytes))
                .isInstanceOf(MalformedRecordException.class);
    }

    private static OrderCommand placeOrder() {
        return OrderCommand.newBuilder()
                .setCommandId("cmd-7f3a9c")
                .setUserId("user-42")
                .setIssuedAtMs(ISSUED_AT)
                .setIdempotencyKey("idem-5d1e")
                .setPayload(PlaceOrderCommand.newBuilder()
                        .setOrderId("ord-1001")
                        .setClientOrderId("my-order-1")
                        .setSymbol("RELIANCE")
                        .setSide(Side.BUY)
                        .setOrderType(OrderType.LIMIT)
                        .setTimeInForce(TimeInForce.DAY)
                        .setLimitPricePaise(295_005L)
                        .setQuantityShares(10L)
                        .setPostOnly(true)
                        .setSelfTradePrevention(SelfTradePrevention.CANCEL_OLDEST)
                        .build())
                .build();
    }

    private static GenericRecord tickerRecord(final Schema schema) {
        final GenericRecord record = new GenericData.Record(schema);
        for (final Schema.Field field : schema.getFields()) {
            record.put(field.name(), switch (field.name()) {
                case "symbol" -> "TCS";
                case "lastPricePaise" -> 412_000L;
                case "bestBidPricePaise" -> 411_950L;
                case "bestAskPricePaise" -> 412_050L;
                case "timestampMs" -> ISSUED_AT.toEpochMilli();
                default -> 1L;
            });
        }
        return record;
    }

    private static byte[] header(final int id) {
        return ByteBuffer.allocate(AvroWireFormat.HEADER_SIZE).put(AvroWireFormat.MAGIC_BYTE).putInt(id).array();
    }

    private static byte[] wireFormat(final int id, final GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header(id));
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] concat(final byte[] first, final byte[] second) {
        final byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
