package io.bourse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.schemas.registry.SchemaRegistryClient;
import io.bourse.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Differential: for every generated record class, random records written by {@link RecordEncoder}
 * must be the very bytes Avro's {@code SpecificDatumWriter} writes, and read back equal through the
 * serializer and deserializer.
 */
class RecordEncoderTest {

    private static final int RECORDS_PER_CLASS = 300;

    @Test
    void shouldWriteWhatAvrosSpecificWriterWritesForEveryGeneratedRecord() throws IOException {
        final long seed = System.nanoTime();
        System.out.println("RecordEncoderTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Class<? extends SpecificRecord>> classes = generatedRecordClasses();
        assertThat(classes).hasSizeGreaterThan(40);
        final List<String> withoutPlan = new ArrayList<>();
        for (final Class<? extends SpecificRecord> type : classes) {
            final Schema schema = SpecificData.get().getSchema(type);
            final RecordEncoder plan = RecordEncoder.forSchema(schema).orElse(null);
            if (plan == null) {
                withoutPlan.add(type.getSimpleName());
                continue;
            }
            final SpecificDatumWriter<SpecificRecord> reference = new SpecificDatumWriter<>(schema);
            for (int i = 0; i < RECORDS_PER_CLASS; i++) {
                final SpecificRecord record = (SpecificRecord) randomValue(schema, random, 0);
                assertThat(encode(plan, record)).as("%s (seed %d): %s", type.getSimpleName(), seed, record)
                        .isEqualTo(encode(reference, record));
            }
        }
        // Only the dead letter (raw bytes) keeps Avro's writer; any other should be a decision.
        assertThat(withoutPlan).containsExactly("DeadLetter");
    }

    @Test
    void shouldRoundTripThroughTheSerdeWithOneReusedBufferPerThread() {
        final long seed = System.nanoTime();
        System.out.println("RecordEncoderTest round-trip seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        final SpecificAvroSerializer<LedgerEntry> serializer = new SpecificAvroSerializer<>(registry, false);
        final SpecificAvroDeserializer<LedgerEntry> deserializer = new SpecificAvroDeserializer<>(LedgerEntry.class, registry);
        final Schema schema = LedgerEntry.getClassSchema();
        byte[] previous = null;
        for (int i = 0; i < 500; i++) {
            final LedgerEntry entry = (LedgerEntry) randomValue(schema, random, 0);
            final byte[] bytes = serializer.serialize("portfolio.ledger", entry);
            assertThat(deserializer.deserialize("portfolio.ledger", bytes)).as("seed %d", seed).isEqualTo(entry);
            // The buffer is reused: a returned array must be the caller's own, untouched by the next record.
            if (previous != null) {
                final byte[] copy = previous.clone();
                serializer.serialize("portfolio.ledger", entry);
                assertThat(previous).isEqualTo(copy);
            }
            previous = bytes;
        }
    }

    private static byte[] encode(final RecordEncoder plan, final SpecificRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        plan.encode(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] encode(final SpecificDatumWriter<SpecificRecord> writer, final SpecificRecord record)
            throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A random value of {@code schema} as generated code holds it. */
    private static Object randomValue(final Schema schema, final SplittableRandom random, final int depth) {
        return switch (schema.getType()) {
            case NULL -> null;
            case BOOLEAN -> random.nextBoolean();
            case INT -> schema.getLogicalType() == null ? random.nextInt()
                    : LocalDate.ofEpochDay(random.nextInt(-30_000, 60_000));
            case LONG -> schema.getLogicalType() == null ? random.nextLong()
                    : Instant.ofEpochMilli(random.nextLong(-10_000_000_000_000L, 10_000_000_000_000L));
            case FLOAT -> (float) random.nextDouble();
            case DOUBLE -> random.nextDouble();
            case STRING -> randomString(random);
            case ENUM -> {
                final Class<?> type = SpecificData.get().getClass(schema);
                final Object[] constants = type.getEnumConstants();
                yield constants[random.nextInt(constants.length)];
            }
            case RECORD -> {
                final SpecificRecord record = (SpecificRecord) SpecificData.newInstance(SpecificData.get().getClass(schema), schema);
                for (final Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), randomValue(field.schema(), random, depth + 1));
                }
                yield record;
            }
            case ARRAY -> {
                final List<Object> items = new ArrayList<>();
                final int n = depth > 3 ? 0 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(randomValue(schema.getElementType(), random, depth + 1));
                }
                yield items;
            }
            case MAP -> {
                final Map<String, Object> entries = new HashMap<>();
                final int n = depth > 3 ? 0 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    entries.put(randomString(random), randomValue(schema.getValueType(), random, depth + 1));
                }
                yield entries;
            }
            case UNION -> randomValue(schema.getTypes().get(random.nextInt(schema.getTypes().size())), random, depth + 1);
            case BYTES, FIXED -> throw new IllegalStateException("no generator for " + schema);
        };
    }

    private static String randomString(final SplittableRandom random) {
        final StringBuilder text = new StringBuilder();
        final int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            // Beyond ASCII now and then, so multi-byte UTF-8 lengths are exercised (never a lone surrogate,
            // which UTF-8 cannot carry).
            final int codePoint = random.nextInt(8) == 0 ? random.nextInt(0x80, 0x1F600) : random.nextInt(0x20, 0x7F);
            text.appendCodePoint(Character.isSurrogate((char) codePoint) ? 'x' : codePoint);
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends SpecificRecord>> generatedRecordClasses() {
        final Path root;
        try {
            root = Path.of(LedgerEntry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        final Path avro = root.resolve("io/bourse/avro");
        final List<Class<? extends SpecificRecord>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(avro)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                final String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                final Class<?> type = Class.forName(name);
                if (SpecificRecord.class.isAssignableFrom(type)) {
                    classes.add((Class<? extends SpecificRecord>) type);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }
}
