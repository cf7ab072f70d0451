package io.bourse.connectors;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import io.bourse.schemas.registry.RegisteredSchema;
import io.bourse.schemas.registry.SchemaRegistryClient;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import io.bourse.schemas.serde.AvroWireFormat;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.serde.SpecificAvroDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Kafka Connect converter for the exchange's Avro topics: Confluent wire format (magic byte,
 * schema id, Avro binary) with schemas from a Confluent-compatible registry, converted to and from
 * Connect data by Apicurio's {@link AvroData}, a maintained port of Confluent's. It reads what the
 * stock Confluent {@code AvroConverter} reads, with the same settings ({@code schema.registry.url},
 * {@code basic.auth.user.info}, {@code auto.register.schemas}), so one connector configuration fits
 * both.
 *
 * <p>Failures are typed for Connect's error handling: bytes that are not such a record, an unknown
 * schema id or a record that does not decode with its schema raise {@link DataException}, which
 * {@code errors.tolerance=all} routes to the connector's dead-letter topic; an unreachable registry
 * raises {@link RetriableException}, retried for {@code errors.retry.timeout} before it counts as a
 * failure, so a registry restart does not dead-letter good records.
 */
public final class BourseAvroConverter implements Converter {

    static {
        // Its static initializer installs Avro's decoding limits (bounded lengths), so a corrupt length
        // prefix fails this converter with an exception instead of exhausting the worker's heap.
        try {
            Class.forName(SpecificAvroDeserializer.class.getName(), true, BourseAvroConverter.class.getClassLoader());
        } catch (final ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ConfigDef CONFIG_DEF = AvroDataConfig.baseConfigDef()
            .define(SerdeConfig.SCHEMA_REGISTRY_URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.Importance.HIGH, "URL of the Confluent-compatible schema registry, or mock://<scope>.")
            .define(SerdeConfig.BASIC_AUTH_USER_INFO, ConfigDef.Type.PASSWORD, null,
                    ConfigDef.Importance.MEDIUM, "user:password for a registry behind HTTP basic auth.")
            .define(SerdeConfig.AUTO_REGISTER_SCHEMAS, ConfigDef.Type.BOOLEAN, true,
                    ConfigDef.Importance.MEDIUM, "Register the writer schema on first use when writing.");

    private final Map<Integer, GenericDatumReader<Object>> readersBySchemaId = new ConcurrentHashMap<>();
    private final Map<Schema, GenericDatumWriter<Object>> writersBySchema = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private AvroData avroData;
    private boolean isKey;
    private boolean autoRegister;

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final Object url = configs.get(SerdeConfig.SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, url, "the converter needs the schema registry URL");
        }
        final Object userInfo = configs.get(SerdeConfig.BASIC_AUTH_USER_INFO);
        final Object autoRegisterSetting = configs.get(SerdeConfig.AUTO_REGISTER_SCHEMAS);
        this.registry = SchemaRegistryClients.forUrl(url.toString(), userInfo == null ? null : userInfo.toString());
        this.avroData = new AvroData(new AvroDataConfig(configs));
        this.isKey = isKey;
        this.autoRegister = autoRegisterSetting == null || Boolean.parseBoolean(autoRegisterSetting.toString());
    }

    @Override
    public SchemaAndValue toConnectData(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return SchemaAndValue.NULL;
        }
        requireConfigured();
        final int schemaId;
        final Schema writerSchema;
        try {
            schemaId = AvroWireFormat.schemaId(bytes);
            writerSchema = registry.schemaById(schemaId);
        } catch (final SchemaRegistryUnavailableException e) {
            throw new RetriableException("Schema registry unavailable while reading a record of topic " + topic, e);
        } catch (final RuntimeException e) {
            throw new DataException("Cannot read the Avro wire-format header of a record of topic " + topic + ": "
                    + e.getMessage(), e);
        }
        try {
            final GenericDatumReader<Object> reader = readersBySchemaId.computeIfAbsent(schemaId,
                    id -> new GenericDatumReader<>(writerSchema));
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, AvroWireFormat.HEADER_SIZE,
                    bytes.length - AvroWireFormat.HEADER_SIZE, null);
            final Object value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new DataException("Trailing bytes after a " + writerSchema.getFullName() + " record (schema id "
                        + schemaId + ") on topic " + topic);
            }
            return avroData.toConnectData(writerSchema, value);
        } catch (final DataException e) {
            throw e;
        } catch (final IOException | RuntimeException e) {
            throw new DataException("Cannot decode a " + writerSchema.getFullName() + " record (schema id " + schemaId
                    + ") of topic " + topic + ": " + e, e);
        }
    }

    @Override
    public byte[] fromConnectData(final String topic, final org.apache.kafka.connect.data.Schema schema, final Object value) {
        if (value == null) {
            return null;
        }
        requireConfigured();
        try {
            final Schema avroSchema = avroData.fromConnectSchema(schema);
            final Object avroValue = avroData.fromConnectData(schema, value);
            final int id = schemaId(SerdeConfig.subject(topic, isKey), avroSchema);
            final ByteArrayOutputStream out = AvroWireFormat.startRecord(id);
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writersBySchema.computeIfAbsent(avroSchema, GenericDatumWriter::new).write(avroValue, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (final SchemaRegistryUnavailableException e) {
            throw new RetriableException("Schema registry unavailable while writing a record to topic " + topic, e);
        } catch (final IOException | RuntimeException e) {
            throw new DataException("Cannot write a record to topic " + topic + " as Avro: " + e, e);
        }
    }

    private int schemaId(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        final int id;
        if (autoRegister) {
            id = registry.register(subject, schema);
        } else {
            final RegisteredSchema latest = registry.latest(subject);
            if (!latest.schema().equals(schema)) {
                throw new DataException("Schema " + schema.getFullName() + " is not the latest registered under '"
                        + subject + "' and " + SerdeConfig.AUTO_REGISTER_SCHEMAS + " is false");
            }
            id = latest.id();
        }
        idsBySubjectSchema.put(key, id);
        return id;
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private void requireConfigured() {
        if (registry == null) {
            throw new IllegalStateException("BourseAvroConverter used before configure()");
        }
    }
}
