package io.bourse.connectors.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.connectors.SinkConnector;
import io.bourse.connectors.SinkConnectors;
import io.bourse.connectors.ColumnMapping;
import io.bourse.connectors.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class AnalyticsMigrationsTest {

    private static JdbcTarget database;
    private static int applied;

    @BeforeAll
    static void migrateAFreshDatabase() {
        database = TestDatabases.fresh();
        applied = AnalyticsMigrations.migrate(database);
    }

    @Test
    void shouldApplyEveryMigrationOnceAndNothingOnASecondRun() {
        assertThat(applied).isEqualTo(4);
        assertThat(AnalyticsMigrations.migrate(database)).isZero();
    }

    @Test
    void shouldCreateEveryTableWithItsPrimaryKey() throws SQLException {
        assertThat(primaryKeys()).containsAllEntriesOf(Map.of(
                "trades", List.of("trade_id", "executed_at"),
                "order_events", List.of("event_id", "occurred_at"),
                "orders", List.of("order_id"),
                "ledger_entries", List.of("entry_id", "occurred_at"),
                "candles", List.of("symbol", "candle_interval", "bucket_start"),
                "payment_events", List.of("event_id"),
                "account_events", List.of("event_id")));
    }

    @Test
    void shouldGiveEveryConnectorExactlyTheColumnsOfItsTableAndItsPrimaryKey() throws SQLException {
        final Map<String, List<String>> keys = primaryKeys();
        for (final SinkConnector connector : SinkConnectors.ALL) {
            final List<String> columns = new ArrayList<>(queryMap("SELECT column_name, data_type FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND table_name = '" + connector.table() + "'").keySet());
            assertThat(ColumnMapping.of(connector).values()).as(connector.name())
                    .containsExactlyInAnyOrderElementsOf(columns);
            assertThat(ColumnMapping.primaryKey(connector)).as(connector.name())
                    .containsExactlyInAnyOrderElementsOf(keys.get(connector.table()));
        }
    }

    @Test
    void shouldStoreEveryTimestampWithItsTimeZone() throws SQLException {
        final Map<String, String> timeColumns = queryMap("SELECT table_name || '.' || column_name, data_type "
                + "FROM information_schema.columns WHERE table_schema = 'public' AND data_type LIKE 'timestamp%' "
                + "AND table_name <> 'flyway_schema_history'");
        assertThat(timeColumns).isNotEmpty().allSatisfy((column, type) ->
                assertThat(type).as(column).isEqualTo("timestamp with time zone"));
    }

    @Test
    void shouldPartitionTheTimeSeriesTablesByTimeWithADefaultPartition() throws SQLException {
        final Map<String, String> partitioned = queryMap("""
                SELECT c.relname, pg_get_partkeydef(c.oid) FROM pg_partitioned_table p
                JOIN pg_class c ON c.oid = p.partrelid""");
        assertThat(partitioned).containsExactlyInAnyOrderEntriesOf(Map.of(
                "trades", "RANGE (executed_at)",
                "order_events", "RANGE (occurred_at)",
                "ledger_entries", "RANGE (occurred_at)",
                "candles", "RANGE (bucket_start)"));
        final String thisMonth = String.format("%d_%02d", LocalDate.now().getYear(), LocalDate.now().getMonthValue());
        assertThat(partitionsOf("trades")).contains("trades_default", "trades_" + thisMonth);
        assertThat(partitionsOf("candles")).contains("candles_default", "candles_" + thisMonth);
    }

    @Test
    void shouldIndexTheAnalystsQueries() throws SQLException {
        final Map<String, String> indexes = queryMap("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'");
        assertThat(indexes.get("trades_symbol_time")).contains("(symbol, executed_at DESC)");
        assertThat(indexes.get("ledger_entries_user_time")).contains("(user_id, occurred_at DESC)");
        assertThat(indexes.get("candles_pkey")).contains("(symbol, candle_interval, bucket_start)");
    }

    @Test
    void shouldMoveRowsOutOfTheDefaultPartitionWhenTheirMonthIsCreated() throws SQLException {
        execute("""
                INSERT INTO trades VALUES ('INFY-1', 1, 'INFY', 150000, 10, 'BUY', 'b1', 'u1', 's1', 'u2',
                                           '2031-05-17T10:00:00Z')""");
        assertThat(queryMap("SELECT tableoid::regclass::text, trade_id FROM trades WHERE trade_id = 'INFY-1'"))
                .containsOnlyKeys("trades_default");

        final int created = AnalyticsMigrations.ensurePartitions(database, LocalDate.of(2031, 5, 1), 0);

        assertThat(created).isEqualTo(8);
        assertThat(queryMap("SELECT tableoid::regclass::text, trade_id FROM trades WHERE trade_id = 'INFY-1'"))
                .containsOnlyKeys("trades_2031_05");
        assertThat(AnalyticsMigrations.ensurePartitions(database, LocalDate.of(2031, 5, 1), 0)).isZero();
    }

    @Test
    void shouldNeverMoveTheLatestStateOfAnOrderBackwards() throws SQLException {
        execute("""
                INSERT INTO orders VALUES ('o-1', 5, 'FILL', NULL, 'u1', 'TCS', 'BUY', 'LIMIT', 'GTC', 380000,
                                           100, 50, 50, 19000000, NULL, NULL, '2026-11-24T10:00:05Z')""");
        final String upsert = """
                INSERT INTO orders VALUES ('o-1', %d, '%s', NULL, 'u1', 'TCS', 'BUY', 'LIMIT', 'GTC', 380000,
                                           100, %d, %d, 0, NULL, NULL, '2026-11-24T10:00:00Z')
                ON CONFLICT (order_id) DO UPDATE SET sequence = EXCLUDED.sequence,
                    last_event_type = EXCLUDED.last_event_type,
                    filled_quantity_shares = EXCLUDED.filled_quantity_shares""";

        execute(upsert.formatted(3, "ACCEPTED", 0, 100));
        assertThat(queryMap("SELECT last_event_type, sequence FROM orders WHERE order_id = 'o-1'")).containsEntry("FILL", "5");

        execute(upsert.formatted(6, "FILLED", 100, 0));
        assertThat(queryMap("SELECT last_event_type, sequence FROM orders WHERE order_id = 'o-1'")).containsEntry("FILLED", "6");
    }

    private static Map<String, List<String>> primaryKeys() throws SQLException {
        final Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.relname, a.attname FROM pg_constraint k
                     JOIN pg_class c ON c.oid = k.conrelid
                     JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS col(attnum, position) ON true
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = col.attnum
                     WHERE k.contype = 'p' AND c.relispartition = false
                     ORDER BY c.relname, col.position""")) {
            while (rows.next()) {
                keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return keys;
    }

    private static List<String> partitionsOf(final String table) throws SQLException {
        return new ArrayList<>(queryMap("SELECT c.relname, '' FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = '" + table + "'::regclass").keySet());
    }

    private static Map<String, String> queryMap(final String sql) throws SQLException {
        final Map<String, String> result = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
        }
        return result;
    }

    private static void execute(final String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
