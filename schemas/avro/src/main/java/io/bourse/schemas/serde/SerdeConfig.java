package io.bourse.schemas.serde;

import io.bourse.schemas.registry.SchemaRegistryClient;
import io.bourse.schemas.registry.SchemaRegistryClients;
import java.util.Map;

/** The serde settings, under the names Confluent's serdes use, so one config file fits both. */
public final class SerdeConfig {

    /** Comma-separated registry URLs, or {@code mock://<scope>} for an in-memory registry. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** {@code user:password} for registries behind HTTP basic auth. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Register the writer schema on first use (default {@code true}); otherwise it must exist. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    private SerdeConfig() {
    }

    static SchemaRegistryClient registry(final Map<String, ?> configs) {
        final Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null) {
            throw new IllegalArgumentException("Missing required serde setting '" + SCHEMA_REGISTRY_URL + "'");
        }
        final Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
        return SchemaRegistryClients.forUrl(url.toString(), userInfo == null ? null : userInfo.toString());
    }

    static boolean autoRegister(final Map<String, ?> configs) {
        final Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        return value == null || Boolean.parseBoolean(value.toString());
    }

    /** Subject under the Confluent TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    public static String subject(final String topic, final boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
