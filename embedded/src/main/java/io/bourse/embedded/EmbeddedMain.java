package io.bourse.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the embedded infrastructure (broker, schema registry, topics) and keeps it running
 * until Ctrl-C. Settings come from the environment: {@code BOURSE_DATA_DIR} (default
 * {@code ./data}), {@code BOURSE_KAFKA_PORT} (9092), {@code BOURSE_REGISTRY_PORT} (8081).
 */
public final class EmbeddedMain {

    private EmbeddedMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final Path dataDir = Path.of(env("BOURSE_DATA_DIR", "data"));
        final EmbeddedInfrastructure infra = new EmbeddedInfrastructure(dataDir.resolve("kafka-broker"),
                Integer.parseInt(env("BOURSE_KAFKA_PORT", "9092")),
                Integer.parseInt(env("BOURSE_REGISTRY_PORT", "8081"))).start();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.stop();
            stopped.countDown();
        }, "bourse-shutdown"));
        System.out.printf("""

                Bourse embedded infrastructure is up (data in %s)
                  Kafka bootstrap servers : %s
                  Schema registry         : %s   (try: curl %s/subjects)
                Press Ctrl-C to stop; starting again resumes from the same data.

                """, dataDir.toAbsolutePath(), infra.bootstrapServers(), infra.schemaRegistryUrl(), infra.schemaRegistryUrl());
        stopped.await();
    }

    private static String env(final String name, final String fallback) {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
