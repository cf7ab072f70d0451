package io.bourse.connectors;

import io.bourse.connectors.sink.EntriesJdbcSinkTask;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a connector's configuration writes: its ReplaceField include list, with renames applied; for a
 * connector that splits records into rows, the list it applies to each row.
 */
public final class ColumnMapping {

    private ColumnMapping() {
    }

    /** Avro field → table column, in include-list order. */
    public static Map<String, String> of(final SinkConnector connector) {
        final Map<String, String> config = connector.config();
        final String prefix = rowField(connector) == null ? "transforms.columns." : EntriesJdbcSinkTask.COLUMNS_PREFIX;
        final Map<String, String> renames = new HashMap<>();
        for (final String pair : config.get(prefix + "renames").split(",")) {
            final String[] parts = pair.split(":");
            renames.put(parts[0], parts[1]);
        }
        final Map<String, String> mapping = new LinkedHashMap<>();
        Arrays.stream(config.get(prefix + "include").split(","))
                .forEach(field -> mapping.put(field, renames.getOrDefault(field, field)));
        if (!mapping.keySet().containsAll(renames.keySet())) {
            throw new IllegalStateException(connector.name() + " renames a field it does not include: " + renames.keySet());
        }
        return mapping;
    }

    /** The array field whose elements are the rows, or null when each record is a row. */
    public static String rowField(final SinkConnector connector) {
        return connector.config().get(EntriesJdbcSinkTask.FIELD);
    }

    /** The columns the connector upserts on. */
    public static List<String> primaryKey(final SinkConnector connector) {
        return List.of(connector.config().get("primary.key.fields").split(","));
    }
}
