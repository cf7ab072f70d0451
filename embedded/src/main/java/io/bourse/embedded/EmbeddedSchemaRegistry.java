package io.bourse.embedded;

import com.sun.net.httpserver.HttpServer;
import io.bourse.schemas.registry.CompatibilityLevel;
import io.bourse.schemas.registry.SchemaRegistryState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry in this JVM speaking the Confluent REST API, storing schemas in the
 * compacted {@code _schemas} topic so ids survive restarts. Incompatible registrations are refused
 * (BACKWARD by default) with Avro's own compatibility check.
 *
 * <p>Meant for the one-command default and tests: run one per cluster. Several instances over the
 * same broker would not coordinate id assignment; use a real registry for a cluster.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final String bootstrapServers;
    private final String host;
    private final int requestedPort;
    private final short replicationFactor;
    private HttpServer server;
    private ExecutorService executor;
    private KafkaSchemaJournal journal;

    /** @param port the HTTP port; 0 picks a free one */
    public EmbeddedSchemaRegistry(final String bootstrapServers, final String host, final int port, final short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.host = host;
        this.requestedPort = port;
        this.replicationFactor = replicationFactor;
    }

    /** Replays {@code _schemas} and starts serving. */
    public synchronized EmbeddedSchemaRegistry start() {
        if (server != null) {
            return this;
        }
        final SchemaRegistryState state = new SchemaRegistryState(CompatibilityLevel.BACKWARD);
        journal = new KafkaSchemaJournal(bootstrapServers);
        journal.load(state, replicationFactor);
        try {
            server = HttpServer.create(new InetSocketAddress(host, requestedPort), 64);
        } catch (final IOException e) {
            journal.close();
            throw new IllegalStateException("Cannot open schema registry port " + host + ":" + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            final Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new SchemaRegistryHttpHandler(state, journal));
        server.start();
        LOG.info("Schema registry serving {} ({} subjects)", url(), state.subjectNames().size());
        return this;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        journal.close();
        server = null;
    }

    /** The base URL, for {@code schema.registry.url}. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("schema registry not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        stop();
    }
}
