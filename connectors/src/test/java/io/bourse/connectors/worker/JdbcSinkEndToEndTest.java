package io.bourse.connectors.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.avro.market.Candle;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.connectors.SampleRecords;
import io.bourse.connectors.SinkConnector;
import io.bourse.connectors.SinkConnectors;
import io.bourse.connectors.TestDatabases;
import io.bourse.connectors.database.JdbcTarget;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.testing.broker.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink end to end: an in-process broker and registry, the in-process Connect worker running
 * every sink connector, and a real PostgreSQL (embedded, or {@code BOURSE_TEST_PG_URL}).
 */
@Tag("broker")
@Tag("database")
class JdbcSinkEndToEndTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);

    @TempDir
    static Path dataDir;

    private static EmbeddedInfrastructure infra;
    private static JdbcTarget database;
    private static AnalyticsSink sink;

    @BeforeAll
    static void startEverything() {
        infra = new EmbeddedInfrastructure(dataDir.resolve("kafka"), 0, 0).start();
        database = TestDatabases.fresh();
        sink = startSink();
    }

    @AfterAll
    static void stopEverything() {
        if (sink != null) {
            sink.close();
        }
        if (infra != null) {
            infra.stop();
        }
    }

    @Test
    void shouldWriteEveryTopicToItsTableWithTheRecordsValues() throws SQLException {
        final Trade trade = SampleRecords.trade("RELIANCE", 1);
        send(Topics.TRADES_EXECUTED, List.of(trade, SampleRecords.trade("RELIANCE", 2)), Trade::getSymbol);
        send(Topics.ORDERS_EVENTS, List.of(SampleRecords.orderEvent("user-v", "order-v", 0),
                SampleRecords.orderEvent("user-v", "order-v", 1), SampleRecords.orderEvent("user-v", "order-v", 2)),
                OrderEvent::getUserId);
        // A posting is one record per account and command; each of its entries is a row.
        send(Topics.PORTFOLIO_POSTINGS, List.of(SampleRecords.posting("user-v", 1, 2), SampleRecords.posting("user-v", 3, 3)),
                LedgerPosting::getUserId);
        send(Topics.MARKET_CANDLES, List.of(SampleRecords.candle("RELIANCE", 0, 1), SampleRecords.candle("RELIANCE", 0, 2),
                SampleRecords.candle("RELIANCE", 0, 3), SampleRecords.candle("RELIANCE", 1, 1)), Candle::getSymbol);
        send(Topics.PAYMENTS_EVENTS, List.of(SampleRecords.deposit("user-v", 0)), p -> p.getUserId());
        send(Topics.ACCOUNTS_EVENTS, List.of(SampleRecords.accountRegistered("user-v", 0)), a -> a.getUserId());

        awaitCount("SELECT count(*) FROM trades WHERE symbol = 'RELIANCE'", 2);
        awaitCount("SELECT count(*) FROM order_events WHERE user_id = 'user-v'", 3);
        awaitCount("SELECT count(*) FROM orders WHERE order_id = 'order-v' AND sequence = 2", 1);
        awaitCount("SELECT count(*) FROM ledger_entries WHERE user_id = 'user-v'", 3);
        awaitCount("SELECT count(*) FROM candles WHERE symbol = 'RELIANCE' AND trade_count IN (1, 3)", 2);
        awaitCount("SELECT count(*) FROM payment_events WHERE user_id = 'user-v'", 1);
        awaitCount("SELECT count(*) FROM account_events WHERE user_id = 'user-v'", 1);

        final Map<String, Object> tradeRow = single("SELECT * FROM trades WHERE trade_id = 'RELIANCE-1'");
        assertThat(tradeRow).containsEntry("symbol", "RELIANCE").containsEntry("sequence", 1L)
                .containsEntry("price_paise", trade.getPricePaise()).containsEntry("quantity_shares", trade.getQuantityShares())
                .containsEntry("aggressor_side", "SELL").containsEntry("buy_user_id", "user-1")
                .containsEntry("sell_order_id", "order-s1").containsEntry("executed_at", trade.getTimestampMs());

        final Map<String, Object> order = single("SELECT * FROM orders WHERE order_id = 'order-v'");
        assertThat(order).containsEntry("last_event_type", "FILL").containsEntry("filled_quantity_shares", 20L)
                .containsEntry("remaining_quantity_shares", 980L).containsEntry("client_order_id", null)
                .containsEntry("updated_at", SampleRecords.at(2));
        final Map<String, Object> fill = single("SELECT * FROM order_events WHERE event_id = 'user-v-e1'");
        assertThat(fill).containsEntry("event_type", "FILL").containsEntry("trade_id", "TCS-1")
                .containsEntry("fill_price_paise", 380_000L).containsEntry("liquidity", "MAKER").containsEntry("fee_paise", 38L);

        final Candle latest = SampleRecords.candle("RELIANCE", 0, 3);
        final Map<String, Object> candle = single("SELECT * FROM candles WHERE symbol = 'RELIANCE' AND bucket_start = '"
                + latest.getStartMs() + "'");
        assertThat(candle).containsEntry("candle_interval", "M1").containsEntry("trade_count", 3L)
                .containsEntry("high_price_paise", latest.getHighPricePaise()).containsEntry("volume_shares", 21L)
                .containsEntry("bucket_end", latest.getEndMs());

        assertThat(single("SELECT * FROM ledger_entries WHERE entry_id = 'user-v-2'"))
                .containsEntry("unit", "PAISE").containsEntry("reason", "ORDER_RESERVE")
                .containsEntry("available_after", 998_000L).containsEntry("payment_id", null);
        assertThat(single("SELECT * FROM payment_events WHERE user_id = 'user-v'"))
                .containsEntry("event_type", "DEPOSIT_CONFIRMED").containsEntry("amount_paise", 100_000L)
                .containsEntry("withdrawal_id", null).containsEntry("intent_id", "dep-user-v-0")
                .containsEntry("provider_order_id", "order_0").containsEntry("destination_id", null);
        final Map<String, Object> account = single("SELECT * FROM account_events WHERE user_id = 'user-v'");
        assertThat(account).containsEntry("email", "user-v@example.com").containsEntry("kyc_status", "PENDING")
                .containsEntry("suspended", false).doesNotContainKeys("legal_name", "pan_masked");
    }

    @Test
    void shouldNeitherDuplicateNorLoseRowsWhenTheWorkerRestartsMidStreamAndRedelivers() throws Exception {
        final int perBatch = 300;
        send(Topics.TRADES_EXECUTED, trades("INFY", 1, perBatch), Trade::getSymbol);
        send(Topics.ORDERS_EVENTS, orderEvents("user-r", "order-r", 0, 20), OrderEvent::getUserId);
        awaitAtLeast("SELECT count(*) FROM trades WHERE symbol = 'INFY'", 1);

        sink.close();
        // The worst case of a crash: nothing committed, so the new worker redelivers everything.
        rewindSinkConsumerGroups();
        send(Topics.TRADES_EXECUTED, trades("INFY", perBatch + 1, 2 * perBatch), Trade::getSymbol);
        send(Topics.ORDERS_EVENTS, orderEvents("user-r", "order-r", 20, 30), OrderEvent::getUserId);
        sink = startSink();

        awaitCount("SELECT count(*) FROM trades WHERE symbol = 'INFY' AND sequence = " + 2 * perBatch, 1);
        awaitCount("SELECT count(*) FROM order_events WHERE user_id = 'user-r'", 30);
        assertThat(count("SELECT count(*) FROM trades WHERE symbol = 'INFY'")).isEqualTo(2 * perBatch);
        assertThat(count("SELECT count(DISTINCT sequence) FROM trades WHERE symbol = 'INFY' AND sequence BETWEEN 1 AND "
                + 2 * perBatch)).isEqualTo(2 * perBatch);
        awaitCount("SELECT count(*) FROM orders WHERE order_id = 'order-r' AND sequence = 29", 1);
        assertThat(count("SELECT count(*) FROM orders WHERE order_id = 'order-r'")).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndKeepWritingTheRest() throws Exception {
        final byte[] poison = "definitely not Avro".getBytes(StandardCharsets.UTF_8);
        send(Topics.TRADES_EXECUTED, List.of(SampleRecords.trade("WIPRO", 1)), Trade::getSymbol);
        sendRaw(Topics.TRADES_EXECUTED.name(), "WIPRO", poison);
        send(Topics.TRADES_EXECUTED, List.of(SampleRecords.trade("WIPRO", 2)), Trade::getSymbol);

        awaitCount("SELECT count(*) FROM trades WHERE symbol = 'WIPRO'", 2);
        final ConsumerRecord<byte[], byte[]> deadLetter = awaitDeadLetter(poison);
        assertThat(header(deadLetter, "__connect.errors.topic")).isEqualTo(Topics.TRADES_EXECUTED.name());
        assertThat(header(deadLetter, "__connect.errors.connector.name")).isEqualTo(SinkConnectors.TRADES.name());
        assertThat(header(deadLetter, "__connect.errors.exception.class.name"))
                .isEqualTo(org.apache.kafka.connect.errors.DataException.class.getName());
        final ConnectorStateInfo status = sink.worker().status(SinkConnectors.TRADES.name());
        assertThat(status.tasks()).extracting(ConnectorStateInfo.TaskState::state)
                .containsOnly(AbstractStatus.State.RUNNING.name());
    }

    private static AnalyticsSink startSink() {
        return AnalyticsSink.start(new KafkaEndpoints(infra.bootstrapServers(), infra.schemaRegistryUrl()), (short) 1, database,
                dataDir.resolve("connect"), COMMIT_INTERVAL, SinkConnectors.ALL);
    }

    private static List<Trade> trades(final String symbol, final long fromSequence, final long toSequence) {
        return LongStream.rangeClosed(fromSequence, toSequence).mapToObj(s -> SampleRecords.trade(symbol, s)).toList();
    }

    private static List<OrderEvent> orderEvents(final String user, final String order, final long from, final long to) {
        return LongStream.range(from, to).mapToObj(s -> SampleRecords.orderEvent(user, order, s)).toList();
    }

    private static <V extends SpecificRecord> void send(final Topic<V> topic, final List<V> values,
            final java.util.function.Function<V, String> key) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                topic.keySerde().serializer(),
                topic.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl())).serializer())) {
            for (final V value : values) {
                producer.send(new ProducerRecord<>(topic.name(), key.apply(value), value));
            }
            producer.flush();
        }
    }

    private static void sendRaw(final String topic, final String key, final byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void rewindSinkConsumerGroups() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            for (final SinkConnector connector : SinkConnectors.ALL) {
                final Map<TopicPartition, OffsetAndMetadata> start = new LinkedHashMap<>();
                for (int p = 0; p < connector.topic().partitions(); p++) {
                    start.put(new TopicPartition(connector.topic().name(), p), new OffsetAndMetadata(0));
                }
                admin.alterConsumerGroupOffsets("connect-" + connector.name(), start).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(final byte[] value) {
        return TopicReader.readUntil(infra.bootstrapServers(), Topics.CONNECT_DEAD_LETTERS, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer(), records -> records.stream().anyMatch(r -> Arrays.equals(r.value(), value)), ARRIVAL)
                .stream().filter(r -> Arrays.equals(r.value(), value)).findFirst().orElseThrow();
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void awaitAtLeast(final String sql, final long expected) {
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(50)).until(() -> count(sql) >= expected);
    }

    /** Waits until {@code sql} counts {@code expected}, then checks it did not count more. */
    private static void awaitCount(final String sql, final long expected) throws SQLException {
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(200)).until(() -> count(sql) >= expected);
        assertThat(count(sql)).as(sql).isEqualTo(expected);
    }

    private static long count(final String sql) throws SQLException {
        return ((Number) rows(sql).get(0).values().iterator().next()).longValue();
    }

    private static Map<String, Object> single(final String sql) throws SQLException {
        final List<Map<String, Object>> rows = rows(sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    /** Rows as column → value, with timestamptz read as {@link Instant}. */
    private static List<Map<String, Object>> rows(final String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            final ResultSetMetaData meta = result.getMetaData();
            final List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                final Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    final Object value = "timestamptz".equals(meta.getColumnTypeName(c))
                            ? toInstant(result.getObject(c, OffsetDateTime.class)) : result.getObject(c);
                    row.put(meta.getColumnName(c), value);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static Instant toInstant(final OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

}
