package io.bourse.connectors.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.ReplaceField;

/**
 * Splits a record whose value holds an array of structs into one record per element, with the
 * configured columns of each. Every row keeps its record's key, topic, partition, offset and
 * timestamp, so a redelivered record gives the same rows again.
 */
final class RowSplitter implements AutoCloseable {

    private final String field;
    private final ReplaceField.Value<SinkRecord> columns = new ReplaceField.Value<>();

    /**
     * @param field the array field whose elements become the rows
     * @param columns the {@link ReplaceField} settings ({@code include}, {@code exclude}, {@code renames}) for each row
     */
    RowSplitter(final String field, final Map<String, String> columns) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("Name the array field whose elements become rows");
        }
        this.field = field;
        this.columns.configure(new HashMap<>(columns));
    }

    List<SinkRecord> rows(final SinkRecord record) {
        final String where = record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
        if (!(record.value() instanceof Struct value)) {
            throw new DataException("Record " + where + " has no struct value to split into rows");
        }
        final Field array = value.schema().field(field);
        if (array == null || array.schema().type() != Schema.Type.ARRAY || array.schema().valueSchema().type() != Schema.Type.STRUCT) {
            throw new DataException("Record " + where + " has no array of structs named " + field);
        }
        final Schema elementSchema = array.schema().valueSchema();
        final List<Object> elements = value.getArray(field);
        final List<SinkRecord> rows = new ArrayList<>(elements == null ? 0 : elements.size());
        if (elements != null) {
            for (final Object element : elements) {
                rows.add(columns.apply(record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                        elementSchema, element, record.timestamp())));
            }
        }
        return rows;
    }

    @Override
    public void close() {
        columns.close();
    }
}
