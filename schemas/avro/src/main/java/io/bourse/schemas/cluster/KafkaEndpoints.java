package io.bourse.schemas.cluster;

import io.bourse.schemas.serde.SerdeConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where this node's Kafka clients connect, and how: the configured cluster or the embedded one, and
 * the settings every client of the node takes on top of its own ({@code bourse.kafka.client.*}:
 * {@code security.protocol}, {@code sasl.*}, {@code ssl.*} and whatever else a secured cluster asks for).
 * A node reads them from its Spring configuration; the processes the launcher starts without Spring
 * (the Connect worker of the analytics database) read the same environment variables with
 * {@link #fromEnvironment}.
 *
 * @param clientSettings Kafka client settings for every consumer, producer, admin and Streams client of the node
 * @param registryUserInfo {@code user:password} for a schema registry behind HTTP basic auth, or {@code null}
 */
public record KafkaEndpoints(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientSettings,
        String registryUserInfo) {

    /**
     * Environment variables that each set one client setting: {@code BOURSE_KAFKA_CLIENT_SASL_MECHANISM}
     * sets {@code sasl.mechanism}.
     */
    public static final String ENV_CLIENT_PREFIX = "BOURSE_KAFKA_CLIENT_";
    /** The environment variable with {@code user:password} for a schema registry behind HTTP basic auth. */
    public static final String ENV_REGISTRY_USER_INFO = "BOURSE_SCHEMA_REGISTRY_USER_INFO";

    public KafkaEndpoints {
        clientSettings = clientSettings == null ? Map.of() : Map.copyOf(clientSettings);
        registryUserInfo = registryUserInfo == null || registryUserInfo.isBlank() ? null : registryUserInfo;
    }

    /** A cluster and registry that take plain connections, such as the embedded ones. */
    public KafkaEndpoints(final String bootstrapServers, final String schemaRegistryUrl) {
        this(bootstrapServers, schemaRegistryUrl, Map.of(), null);
    }

    /**
     * The cluster at {@code bootstrapServers} with the client settings and registry credentials of
     * {@code environment}, read as a node's Spring binding reads them: the rest of a
     * {@value #ENV_CLIENT_PREFIX} variable's name, in lower case with dots for underscores, is the
     * Kafka setting ({@code BOURSE_KAFKA_CLIENT_SASL_JAAS_CONFIG} sets {@code sasl.jaas.config}).
     */
    public static KafkaEndpoints fromEnvironment(final String bootstrapServers, final String schemaRegistryUrl,
            final Map<String, String> environment) {
        final Map<String, String> settings = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_CLIENT_PREFIX) && name.length() > ENV_CLIENT_PREFIX.length()) {
                settings.put(name.substring(ENV_CLIENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        if (settings.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("Set the cluster's address in BOURSE_BOOTSTRAP_SERVERS, not in "
                    + ENV_CLIENT_PREFIX + "BOOTSTRAP_SERVERS");
        }
        return new KafkaEndpoints(bootstrapServers, schemaRegistryUrl, settings, environment.get(ENV_REGISTRY_USER_INFO));
    }

    /**
     * Socket buffers left to the kernel's autotuning ({@code -1}) instead of Kafka's fixed ones (a
     * consumer's 64 KiB receive buffer, a producer's 32 KiB). With the fixed buffers the kernel dropped
     * segments from full receive queues on the node's loopback connections (hundreds a minute at
     * 1,000 orders/s, {@code ss -tm}'s {@code d} counter), and a lone dropped segment is sent again only
     * after about 200 ms (Linux's tail-loss probe waits out a delayed acknowledgement): a 200 ms stall
     * for whatever it carried. Every client of the node and the load generator starts from these; a
     * {@code BOURSE_KAFKA_CLIENT_*} setting still wins.
     */
    public static final Map<String, Object> AUTOTUNED_SOCKET_BUFFERS = Map.of(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, -1,
            CommonClientConfigs.SEND_BUFFER_CONFIG, -1);

    /** What a serde needs to reach the schema registry: its URL and, behind basic auth, the credentials. */
    public Map<String, Object> serdeConfig() {
        return registryUserInfo == null ? Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl)
                : Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl, SerdeConfig.BASIC_AUTH_USER_INFO, registryUserInfo);
    }

    /**
     * One client's configuration: {@link #AUTOTUNED_SOCKET_BUFFERS}, the cluster's address and the node's
     * client settings, then the client's own, which win (a follower stays read_committed whatever the settings say).
     */
    public Map<String, Object> clientConfig(final Map<String, ?> own) {
        final Map<String, Object> config = new HashMap<>(AUTOTUNED_SOCKET_BUFFERS);
        config.putAll(clientSettings);
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
