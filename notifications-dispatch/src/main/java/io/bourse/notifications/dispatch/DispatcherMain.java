package io.bourse.notifications.dispatch;

import io.bourse.notifications.dispatch.channels.Channels;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the dispatcher alone, outside a node: {@code BOURSE_BOOTSTRAP_SERVERS} and
 * {@code BOURSE_SCHEMA_REGISTRY_URL} name the cluster (with {@code BOURSE_KAFKA_CLIENT_*} for a secured
 * one), the channels come from {@code BOURSE_SMTP_*}, {@code BOURSE_TWILIO_*} and {@code BOURSE_FCM_*}
 * ({@link DispatcherConfig#fromEnvironment}). Stops cleanly on SIGTERM.
 */
public final class DispatcherMain {

    private DispatcherMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final Map<String, String> env = System.getenv();
        final String bootstrap = env.get("BOURSE_BOOTSTRAP_SERVERS");
        final String registry = env.get("BOURSE_SCHEMA_REGISTRY_URL");
        if (bootstrap == null || bootstrap.isBlank() || registry == null || registry.isBlank()) {
            System.err.println("Set BOURSE_BOOTSTRAP_SERVERS and BOURSE_SCHEMA_REGISTRY_URL");
            System.exit(2);
        }
        final DispatcherConfig config = DispatcherConfig.fromEnvironment(env);
        final NotificationDispatcher dispatcher = new NotificationDispatcher(KafkaEndpoints.fromEnvironment(bootstrap, registry, env),
                config, Channels.from(config), new SimpleMeterRegistry(), Clock.systemUTC()).start();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dispatcher.close();
            stopped.countDown();
        }, "bourse-dispatcher-shutdown"));
        stopped.await();
    }
}
