package io.bourse.schemas.serde;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;

/**
 * Writes a generated record's Avro binary body from a plan made once per schema: one small encoder
 * per field, chosen up front, so writing a record is a straight walk of its fields.
 *
 * <p>Why not {@code SpecificDatumWriter}: Avro's generated classes only get their fast, straight-line
 * {@code customEncode} when no field has a logical type, and most of ours carry
 * {@code timestamp-millis}. The generic writer then looks up a conversion, switches on the schema
 * type and resolves unions by type name for every field of every record, and on the exchange's hot
 * path (a dozen records written per order) that was a third of the portfolio's CPU.
 *
 * <p>The output is byte for byte what {@code SpecificDatumWriter} writes ({@code RecordEncoderTest}
 * checks every generated class on random records). Schemas using something the plan does not cover
 * (bytes, fixed, decimals, unions it cannot tell apart by Java type) get no plan:
 * {@link #forSchema} returns empty and the caller keeps Avro's writer.
 */
final class RecordEncoder {

    /** Writes one value of one schema. */
    @FunctionalInterface
    private interface ValueEncoder {
        void encode(Object value, Encoder out) throws IOException;
    }

    private final ValueEncoder record;

    private RecordEncoder(final ValueEncoder record) {
        this.record = record;
    }

    /** A plan for records of {@code schema} (a record schema), or empty where the plan cannot cover it. */
    static Optional<RecordEncoder> forSchema(final Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RecordEncoder(encoder(schema)));
        } catch (final Unsupported e) {
            return Optional.empty();
        }
    }

    void encode(final SpecificRecord value, final Encoder out) throws IOException {
        record.encode(value, out);
    }

    private static ValueEncoder encoder(final Schema schema) {
        final LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case NULL -> (value, out) -> out.writeNull();
            case BOOLEAN -> (value, out) -> out.writeBoolean((Boolean) value);
            case INT -> {
                if (logical == null) {
                    yield (value, out) -> out.writeInt((Integer) value);
                }
                if (logical instanceof LogicalTypes.Date) {
                    yield (value, out) -> out.writeInt(Math.toIntExact(((LocalDate) value).toEpochDay()));
                }
                throw new Unsupported();
            }
            case LONG -> {
                if (logical == null) {
                    yield (value, out) -> out.writeLong((Long) value);
                }
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    yield (value, out) -> out.writeLong(((Instant) value).toEpochMilli());
                }
                throw new Unsupported();
            }
            case FLOAT -> (value, out) -> out.writeFloat((Float) value);
            case DOUBLE -> (value, out) -> out.writeDouble((Double) value);
            case STRING -> (value, out) -> {
                if (value instanceof Utf8 utf8) {
                    out.writeString(utf8);
                } else {
                    out.writeString(value.toString());
                }
            };
            // A generated enum declares its constants in the schema's symbol order, as SpecificDatumWriter relies on.
            case ENUM -> (value, out) -> out.writeEnum(((Enum<?>) value).ordinal());
            case RECORD -> {
                final List<Schema.Field> fields = schema.getFields();
                final ValueEncoder[] nested = new ValueEncoder[fields.size()];
                for (int i = 0; i < nested.length; i++) {
                    nested[i] = encoder(fields.get(i).schema());
                }
                yield (value, out) -> {
                    final SpecificRecord record = (SpecificRecord) value;
                    for (int i = 0; i < nested.length; i++) {
                        nested[i].encode(record.get(i), out);
                    }
                };
            }
            case ARRAY -> {
                final ValueEncoder item = encoder(schema.getElementType());
                yield (value, out) -> {
                    final Collection<?> items = (Collection<?>) value;
                    out.writeArrayStart();
                    out.setItemCount(items.size());
                    for (final Object element : items) {
                        out.startItem();
                        item.encode(element, out);
                    }
                    out.writeArrayEnd();
                };
            }
            case MAP -> {
                final ValueEncoder entryValue = encoder(schema.getValueType());
                yield (value, out) -> {
                    final Map<?, ?> entries = (Map<?, ?>) value;
                    out.writeMapStart();
                    out.setItemCount(entries.size());
                    for (final Map.Entry<?, ?> entry : entries.entrySet()) {
                        out.startItem();
                        out.writeString(entry.getKey().toString());
                        entryValue.encode(entry.getValue(), out);
                    }
                    out.writeMapEnd();
                };
            }
            case UNION -> union(schema);
            case BYTES, FIXED -> throw new Unsupported();
        };
    }

    /** A branch is picked by the value's Java type; a union with two branches of one Java type gets no plan. */
    private static ValueEncoder union(final Schema union) {
        final List<Schema> types = union.getTypes();
        final List<Class<?>> javaTypes = new ArrayList<>();
        final ValueEncoder[] branches = new ValueEncoder[types.size()];
        int nullBranch = -1;
        for (int i = 0; i < branches.length; i++) {
            final Schema branch = types.get(i);
            branches[i] = encoder(branch);
            final Class<?> javaType = javaType(branch);
            if (javaType == null) {
                nullBranch = i;
            } else if (javaTypes.stream().anyMatch(t -> t != null && (t.isAssignableFrom(javaType) || javaType.isAssignableFrom(t)))) {
                throw new Unsupported();
            }
            javaTypes.add(javaType);
        }
        final Class<?>[] classes = javaTypes.toArray(Class<?>[]::new);
        final int nullIndex = nullBranch;
        return (value, out) -> {
            final int index = value == null ? nullIndex : branchOf(classes, value);
            if (index < 0) {
                throw new org.apache.avro.UnresolvedUnionException(union, value);
            }
            out.writeIndex(index);
            branches[index].encode(value, out);
        };
    }

    private static int branchOf(final Class<?>[] classes, final Object value) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] != null && classes[i].isInstance(value)) {
                return i;
            }
        }
        return -1;
    }

    /** The Java type generated code holds for {@code schema}, {@code null} for the null schema. */
    private static Class<?> javaType(final Schema schema) {
        final LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case NULL -> null;
            case BOOLEAN -> Boolean.class;
            case INT -> logical == null ? Integer.class : LocalDate.class;
            case LONG -> logical == null ? Long.class : Instant.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case STRING -> CharSequence.class;
            case ENUM, RECORD -> {
                final Class<?> generated = SpecificData.get().getClass(schema);
                if (generated == null || generated == Object.class) {
                    throw new Unsupported();
                }
                yield generated;
            }
            case ARRAY -> Collection.class;
            case MAP -> Map.class;
            case UNION, BYTES, FIXED -> throw new Unsupported();
        };
    }

    /** Thrown while planning when a schema uses something the plan does not cover. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }
}
