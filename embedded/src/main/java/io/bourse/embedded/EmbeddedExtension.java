package io.bourse.embedded;

import io.bourse.schemas.cluster.BourseEnvironment;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An optional part of the one-command default, started by {@link EmbeddedMain} once Kafka, the
 * schema registry and the topics are up, and stopped before them. Implementations are found on the
 * classpath with {@link java.util.ServiceLoader} and decide from the environment whether they run,
 * so the default start is unchanged unless one is both present and enabled.
 */
public interface EmbeddedExtension {

    /**
     * What the launcher offers an extension.
     *
     * @param dataDir the data directory; an extension keeps its files in a subdirectory of it
     * @param cluster the Kafka cluster and schema registry, and how to reach them: a secured cluster's client
     *     settings and the registry's credentials
     * @param replicationFactor the replicas of a topic the extension creates: 1 on a single broker, and on a
     *     larger cluster what {@link ClusterReplication} learns from it
     * @param environment the process environment (a map, so tests can pass their own)
     */
    record Context(Path dataDir, KafkaEndpoints cluster, short replicationFactor, Map<String, String> environment) {

        public Context {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(cluster, "cluster");
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("replicationFactor must be at least 1, not " + replicationFactor);
            }
            environment = Map.copyOf(environment);
        }

        /** The environment, read as every program outside Spring reads it. */
        public BourseEnvironment env() {
            return new BourseEnvironment(environment);
        }
    }

    /** A started extension. */
    interface Running extends AutoCloseable {

        /** One line for the start-up banner, e.g. where to connect to it. */
        String summary();

        @Override
        void close();
    }

    /** Starts the extension when {@code context} enables it; empty when it is not enabled. */
    Optional<Running> start(Context context);
}
