package io.bourse.edge.infra;

import io.bourse.schemas.serde.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where this node's Kafka clients connect, and how: the configured cluster or the embedded one, and
 * the settings every client of the node takes on top of its own ({@code bourse.kafka.client.*}:
 * {@code security.protocol}, {@code sasl.*}, {@code ssl.*} and whatever else a secured cluster asks for).
 *
 * @param clientSettings Kafka client settings for every consumer, producer, admin and Streams client of the node
 * @param registryUserInfo {@code user:password} for a schema registry behind HTTP basic auth, or {@code null}
 */
public record KafkaEndpoints(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientSettings,
        String registryUserInfo) {

    public KafkaEndpoints {
        clientSettings = clientSettings == null ? Map.of() : Map.copyOf(clientSettings);
        registryUserInfo = registryUserInfo == null || registryUserInfo.isBlank() ? null : registryUserInfo;
    }

    /** A cluster and registry that take plain connections, such as the embedded ones. */
    public KafkaEndpoints(final String bootstrapServers, final String schemaRegistryUrl) {
        this(bootstrapServers, schemaRegistryUrl, Map.of(), null);
    }

    /** What a serde needs to reach the schema registry: its URL and, behind basic auth, the credentials. */
    public Map<String, Object> serdeConfig() {
        return registryUserInfo == null ? Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl)
                : Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl, SerdeConfig.BASIC_AUTH_USER_INFO, registryUserInfo);
    }

    /**
     * One client's configuration: the cluster's address and the node's client settings, then the client's
     * own, which win (a follower stays read_committed whatever the settings say).
     */
    public Map<String, Object> clientConfig(final Map<String, ?> own) {
        final Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(own);
        return config;
    }

    /** Names the client settings but not their values, and leaves out the registry's credentials: they hold passwords. */
    @Override
    public String toString() {
        return "KafkaEndpoints[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
                + ", clientSettings=" + new TreeSet<>(clientSettings.keySet()) + ", registryUserInfo="
                + (registryUserInfo == null ? "none" : "(hidden)") + "]";
    }
}
