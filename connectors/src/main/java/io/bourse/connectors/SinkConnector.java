package io.bourse.connectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.schemas.catalogue.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One JDBC sink connector: the topic it reads, the table it fills and how. Its configuration is the
 * JSON file {@link #configResource()}, exactly what an operator PUTs to
 * {@code /connectors/<name>/config} on a Connect cluster; cluster-specific values in it are
 * {@code ${env:...}} placeholders resolved by the worker's {@code EnvVarConfigProvider}.
 *
 * @param name the connector name, also the Connect consumer group {@code connect-<name>}
 * @param topic the catalogue topic it reads
 * @param table the table it writes, created by the migrations
 * @param mode whether the table keeps every record or the latest state per key
 */
public record SinkConnector(String name, Topic<?> topic, String table, Mode mode) {

    /** How records become rows. Both upsert on the primary key, so redelivery never adds a row. */
    public enum Mode {
        /** One row per record, keyed by the record's own unique id. */
        APPEND,
        /** One row per entity (an order, a candle), overwritten by newer records of it. */
        LATEST_STATE
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public SinkConnector {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
    }

    /** Classpath location of the connector's JSON configuration (under src/main/resources). */
    public String configResource() {
        return SinkConnectors.CONFIG_DIRECTORY + "/" + name + ".json";
    }

    /** The configuration as written in {@link #configResource()}, in file order. */
    public Map<String, String> config() {
        try (InputStream in = SinkConnector.class.getClassLoader().getResourceAsStream(configResource())) {
            if (in == null) {
                throw new IllegalStateException("Missing connector configuration " + configResource());
            }
            return JSON.readValue(in, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read connector configuration " + configResource(), e);
        }
    }
}
