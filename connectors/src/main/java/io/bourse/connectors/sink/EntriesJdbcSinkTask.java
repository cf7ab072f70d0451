package io.bourse.connectors.sink;

import io.debezium.connector.jdbc.JdbcSinkConnectorTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Debezium's JDBC sink task, fed one row per element of each record's array field. The rows keep
 * their record's offset, so Connect commits it once all of them are written.
 */
public final class EntriesJdbcSinkTask extends JdbcSinkConnectorTask {

    /** The array field whose elements become the rows. */
    public static final String FIELD = "bourse.entries.field";
    /** Prefix of the {@code ReplaceField} settings ({@code include}, {@code renames}) applied to each row. */
    public static final String COLUMNS_PREFIX = "bourse.entries.columns.";

    private RowSplitter splitter;

    @Override
    public void start(final Map<String, String> props) {
        final Map<String, String> columns = new HashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(COLUMNS_PREFIX)) {
                columns.put(key.substring(COLUMNS_PREFIX.length()), value);
            }
        });
        splitter = new RowSplitter(props.get(FIELD), columns);
        super.start(props);
    }

    @Override
    public void put(final Collection<SinkRecord> records) {
        final List<SinkRecord> rows = new ArrayList<>();
        for (final SinkRecord record : records) {
            rows.addAll(splitter.rows(record));
        }
        super.put(rows);
    }

    @Override
    public void stop() {
        if (splitter != null) {
            splitter.close();
        }
        super.stop();
    }
}
