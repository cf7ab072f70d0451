package io.bourse.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.serde.SpecificAvroSerializer;
import io.bourse.testing.Ports;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BourseAvroConverterTest {

    private static final String TRADES = Topics.TRADES_EXECUTED.name();
    private static final String ORDERS = Topics.ORDERS_EVENTS.name();

    private final String url = SchemaRegistryClients.MOCK_SCHEME + "converter-test-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url);
    private final BourseAvroConverter converter = configured(config);

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropMockScope(url);
    }

    @Test
    void shouldConvertATradeToAFlatStructWithTimestampsAndEnumsAsStrings() {
        final Trade trade = SampleRecords.trade("RELIANCE", 7);

        final SchemaAndValue converted = converter.toConnectData(TRADES, serialize(TRADES, trade));

        final Struct struct = (Struct) converted.value();
        assertThat(converted.schema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(struct.getString("tradeId")).isEqualTo("RELIANCE-7");
        assertThat(struct.getInt64("pricePaise")).isEqualTo(trade.getPricePaise());
        assertThat(struct.getString("aggressorSide")).isEqualTo("SELL");
        assertThat(converted.schema().field("timestampMs").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(struct.get("timestampMs")).isEqualTo(Date.from(trade.getTimestampMs()));
    }

    @Test
    void shouldMapNullableUnionsToOptionalFields() {
        final OrderEvent accepted = SampleRecords.orderEvent("user-1", "order-1", 0);
        final OrderEvent fill = SampleRecords.orderEvent("user-1", "order-1", 1);

        final Struct acceptedStruct = (Struct) converter.toConnectData(ORDERS, serialize(ORDERS, accepted)).value();
        final Struct fillStruct = (Struct) converter.toConnectData(ORDERS, serialize(ORDERS, fill)).value();

        assertThat(acceptedStruct.schema().field("fillPricePaise").schema().isOptional()).isTrue();
        assertThat(acceptedStruct.schema().field("fillPricePaise").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(acceptedStruct.get("fillPricePaise")).isNull();
        assertThat(acceptedStruct.getString("clientOrderId")).isEqualTo("client-order-1");
        assertThat(fillStruct.getInt64("fillPricePaise")).isEqualTo(380_000L);
        assertThat(fillStruct.getString("liquidity")).isEqualTo("MAKER");
        assertThat(fillStruct.get("clientOrderId")).isNull();
    }

    @Test
    void shouldReadTombstonesAsNull() {
        assertThat(converter.toConnectData(TRADES, null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void shouldRejectBytesThatAreNotTheWireFormatWithADataException() {
        final byte[] valid = serialize(TRADES, SampleRecords.trade("INFY", 1));
        final byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 1;
        final byte[] unknownId = valid.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(9_999);
        final byte[] trailing = Arrays.copyOf(valid, valid.length + 1);

        assertThatThrownBy(() -> converter.toConnectData(TRADES, "not avro".getBytes())).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> converter.toConnectData(TRADES, new byte[] {0, 0})).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> converter.toConnectData(TRADES, wrongMagic)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> converter.toConnectData(TRADES, unknownId)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> converter.toConnectData(TRADES, Arrays.copyOf(valid, valid.length - 3)))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> converter.toConnectData(TRADES, trailing))
                .isInstanceOf(DataException.class).hasMessageContaining("Trailing bytes");
    }

    @Test
    void shouldRejectACorruptLengthPrefixInsteadOfAllocatingIt() {
        final byte[] valid = serialize(TRADES, SampleRecords.trade("INFY", 1));
        // The first field, tradeId, is a string: its zig-zag varint length becomes ~2^31.
        final byte[] corrupt = Arrays.copyOf(valid, valid.length);
        final byte[] hugeLength = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        System.arraycopy(hugeLength, 0, corrupt, 5, Math.min(hugeLength.length, corrupt.length - 5));

        assertThatThrownBy(() -> converter.toConnectData(TRADES, corrupt)).isInstanceOf(DataException.class);
    }

    @Test
    void shouldAskConnectToRetryWhenTheRegistryIsUnreachable() {
        final int closedPort = Ports.free();
        final byte[] valid = serialize(TRADES, SampleRecords.trade("INFY", 1));
        final BourseAvroConverter unreachable = configured(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
                "http://localhost:" + closedPort));

        assertThatThrownBy(() -> unreachable.toConnectData(TRADES, valid)).isInstanceOf(RetriableException.class);
    }

    @Test
    void shouldRoundTripConnectDataItWrote() {
        final SchemaAndValue fromTopic = converter.toConnectData(TRADES, serialize(TRADES, SampleRecords.trade("TCS", 3)));

        final byte[] written = converter.fromConnectData("analytics.copy", fromTopic.schema(), fromTopic.value());
        final SchemaAndValue readBack = converter.toConnectData("analytics.copy", written);

        assertThat(readBack.value()).isEqualTo(fromTopic.value());
        assertThat(converter.fromConnectData("analytics.copy", fromTopic.schema(), null)).isNull();
    }

    private byte[] serialize(final String topic, final org.apache.avro.specific.SpecificRecord record) {
        final SpecificAvroSerializer<org.apache.avro.specific.SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        return serializer.serialize(topic, record);
    }

    private static BourseAvroConverter configured(final Map<String, ?> settings) {
        final BourseAvroConverter converter = new BourseAvroConverter();
        converter.configure(settings, false);
        return converter;
    }
}
