package io.bourse.embedded;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import io.bourse.schemas.registry.CompatibilityLevel;
import io.bourse.schemas.registry.SchemaRegistryState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
    private final String userInfo;
    private HttpServer server;
    private ExecutorService executor;
    private KafkaSchemaJournal journal;

    /** @param port the HTTP port; 0 picks a free one */
    public EmbeddedSchemaRegistry(final String bootstrapServers, final String host, final int port, final short replicationFactor) {
        this(bootstrapServers, host, port, replicationFactor, null);
    }

    /**
     * A registry behind HTTP basic auth, as hosted registries are: a request without {@code userInfo}
     * ({@code user:password}) is answered 401.
     *
     * @param port the HTTP port; 0 picks a free one
     * @param userInfo the one user and password admitted, or {@code null} for an open registry
     */
    public EmbeddedSchemaRegistry(final String bootstrapServers, final String host, final int port, final short replicationFactor,
            final String userInfo) {
        if (userInfo != null && userInfo.indexOf(':') < 1) {
            throw new IllegalArgumentException("userInfo must be user:password");
        }
        this.bootstrapServers = bootstrapServers;
        this.host = host;
        this.requestedPort = port;
        this.replicationFactor = replicationFactor;
        this.userInfo = userInfo;
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
        final var context = server.createContext("/", new SchemaRegistryHttpHandler(state, journal));
        if (userInfo != null) {
            context.setAuthenticator(new BasicAuthenticator("bourse-schema-registry") {
                @Override
                public boolean checkCredentials(final String user, final String password) {
                    return MessageDigest.isEqual((user + ":" + password).getBytes(StandardCharsets.UTF_8),
                            userInfo.getBytes(StandardCharsets.UTF_8));
                }
            });
        }
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
