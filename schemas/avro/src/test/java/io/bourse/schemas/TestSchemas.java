package io.bourse.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Copies of record schemas with one field added or removed, to play older or newer writers. */
public final class TestSchemas {

    private TestSchemas() {
    }

    /** {@code record} without the field {@code name}, same full name and doc. */
    public static Schema withoutField(final Schema record, final String name) {
        if (record.getField(name) == null) {
            throw new IllegalArgumentException(record.getFullName() + " has no field " + name);
        }
        final List<Schema.Field> fields = new ArrayList<>();
        for (final Schema.Field field : record.getFields()) {
            if (!field.name().equals(name)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return copy(record, fields);
    }

    /** {@code record} with {@code added} inserted at {@code position}, same full name and doc. */
    public static Schema withField(final Schema record, final int position, final Schema.Field added) {
        final List<Schema.Field> fields = new ArrayList<>();
        for (final Schema.Field field : record.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(position, added);
        return copy(record, fields);
    }

    private static Schema copy(final Schema record, final List<Schema.Field> fields) {
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), record.isError(), fields);
    }
}
