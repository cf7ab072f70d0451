package io.bourse.testing.broker;

import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One in-process broker and schema registry for every test class of a JVM that asks for it
 * ({@link SharedBroker}): started by the first class that needs it, kept in the root
 * {@link ExtensionContext.Store} and closed (its data directory deleted) when the whole test run of
 * the JVM ends. Starting a broker costs seconds; a module whose classes share one pays that once.
 *
 * <p>Resolves parameters of type {@link EmbeddedInfrastructure} and {@link KafkaEndpoints}.
 */
public final class SharedBrokerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBrokerExtension.class);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    /** The JVM's shared broker and registry, started on first use. */
    public static EmbeddedInfrastructure infrastructure(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Shared.class, key -> Shared.start(), Shared.class)
                .infrastructure();
    }

    /**
     * Creates a topic no other test uses, named {@code prefix} and a number, and returns its name.
     *
     * @param partitions its partition count (one replica: the broker is single)
     */
    public static String freshTopic(final EmbeddedInfrastructure infrastructure, final String prefix, final int partitions) {
        final String name = prefix + "-" + TOPICS.incrementAndGet() + "-" + ProcessHandle.current().pid();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all().get();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("could not create topic " + name, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
        return name;
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        final Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedInfrastructure.class || type == KafkaEndpoints.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        final EmbeddedInfrastructure infrastructure = infrastructure(context);
        return parameter.getParameter().getType() == KafkaEndpoints.class
                ? new KafkaEndpoints(infrastructure.bootstrapServers(), infrastructure.schemaRegistryUrl())
                : infrastructure;
    }

    /** The running broker and its data directory; JUnit closes it with the root store. */
    private record Shared(EmbeddedInfrastructure infrastructure, Path dataDir) implements AutoCloseable {

        static Shared start() {
            try {
                final Path dir = Files.createTempDirectory("bourse-shared-broker-");
                final long started = System.nanoTime();
                final EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(dir.resolve("kafka"), 0, 0).start();
                System.out.printf("Shared test broker on %s, registry %s, up in %d ms%n", infrastructure.bootstrapServers(),
                        infrastructure.schemaRegistryUrl(), (System.nanoTime() - started) / 1_000_000);
                return new Shared(infrastructure, dir);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                infrastructure.close();
            } finally {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    for (final Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
