package io.bourse.launcher.sim;

import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.edge.notify.NotificationProperties;
import io.bourse.launcher.mail.EmbeddedMail;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the embedded default (or wherever the simulator is switched on), seeds the exchange and a demo
 * trader once the node is up, starts the simulator, then prints how to use it. Clusters without the
 * simulator seed through the admin API instead.
 */
@Component
public class StartupSeeding {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSeeding.class);
    /** The name of the thread that seeds the exchange and starts the simulator. */
    public static final String SEED_THREAD = "bourse-seed";

    /**
     * How long the start-up summary waits for every topology of the node to be running: seeding needs
     * only the portfolio, and another topology may still be joining its group.
     */
    static final Duration RUNNING_WITHIN = Duration.ofSeconds(60);

    private final ExchangeSeeder seeder;
    private final MarketSimulator simulator;
    private final BourseProperties properties;
    private final TopologyRunner topologies;
    private final int port;
    private final String mail;

    public StartupSeeding(final ExchangeSeeder seeder, final MarketSimulator simulator, final BourseProperties properties,
            final TopologyRunner topologies, @Value("${local.server.port:${server.port:8080}}") final int port,
            final ObjectProvider<EmbeddedMail> embeddedMail, final NotificationProperties notifications) {
        this.seeder = seeder;
        this.simulator = simulator;
        this.properties = properties;
        this.topologies = topologies;
        this.port = port;
        this.mail = mailSummary(embeddedMail.getIfAvailable(), notifications, port);
    }

    /** Where e-mail goes, for the start-up summary. */
    static String mailSummary(final EmbeddedMail embedded, final NotificationProperties notifications, final int port) {
        if (embedded != null) {
            return "kept in memory, see the Mail outbox at http://localhost:" + port + "/ (" + embedded + ")";
        }
        final NotificationProperties.Smtp smtp = notifications.smtp();
        if (smtp == null || smtp.host() == null || smtp.host().isBlank()) {
            return "off (no SMTP server: set BOURSE_SMTP_HOST and BOURSE_SMTP_FROM)";
        }
        return "sent through " + smtp.host() + ":" + smtp.port();
    }

    /** How long a stopping node waits for the seeding thread to notice it was interrupted. */
    static final Duration SEED_STOP_WAIT = Duration.ofSeconds(2);

    private volatile boolean stopping;
    private volatile Thread seeding;

    /**
     * Runs on every shutdown path (SIGTERM, Ctrl-C, context close) and returns within
     * {@link #SEED_STOP_WAIT}: seeding may be waiting for a verdict that a stopping node will never
     * deliver, so it is interrupted rather than waited for, and the simulator's stop never waits
     * for a start in progress.
     */
    @jakarta.annotation.PreDestroy
    void stopSimulator() {
        stopping = true;
        simulator.stop();
        final Thread thread = seeding;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(SEED_STOP_WAIT.toMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("Seeding did not stop within {}; leaving it (a daemon thread) behind", SEED_STOP_WAIT);
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        if (!properties.kafka().embedded() && !properties.simulator().enabled()) {
            return;
        }
        final Thread thread = new Thread(this::seedUntilDone, SEED_THREAD);
        thread.setDaemon(true);
        seeding = thread;
        if (!stopping) {
            thread.start();
        }
    }

    /**
     * Seeding is idempotent, so a failed attempt (the broker or registry restarting just then) is
     * simply repeated, with a growing pause, until it succeeds or the node stops: a node must not
     * come up without its simulator because the broker blinked during its start.
     */
    private void seedUntilDone() {
        long pauseMs = 1_000;
        for (int attempt = 1; !stopping; attempt++) {
            try {
                seedOnce();
                return;
            } catch (final RuntimeException e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    LOG.info("Seeding stopped: the node is shutting down");
                    return;
                }
                LOG.warn("Seeding the exchange failed (attempt {}); trying again in {} s: {}", attempt, pauseMs / 1_000, e.toString());
            }
            try {
                Thread.sleep(pauseMs);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseMs = Math.min(15_000, pauseMs * 2);
        }
    }

    private void seedOnce() {
        seeder.seedExchange();
        seeder.trader(ExchangeSeeder.DEMO_EMAIL, ExchangeSeeder.DEMO_PASSWORD, "Demo Trader", 100_000_000L, 500);
        simulator.start();
        awaitTopologiesRunning();
        LOG.info("""

                Bourse is up: http://localhost:{}/  (API docs: http://localhost:{}/swagger-ui.html)
                  demo trader : {} / {}
                  admin       : {} / {}
                  e-mail      : {}
                  try         : curl -s -X POST localhost:{}/api/v1/auth/login -H 'Content-Type: application/json' \\
                                  -d '{"email":"{}","password":"{}"}'
                """, port, port, ExchangeSeeder.DEMO_EMAIL, ExchangeSeeder.DEMO_PASSWORD, ExchangeSeeder.ADMIN_EMAIL,
                ExchangeSeeder.ADMIN_PASSWORD, mail, port, ExchangeSeeder.DEMO_EMAIL, ExchangeSeeder.DEMO_PASSWORD);
    }

    /**
     * Waits until every topology the node hosts is running, so that the summary is true when it is
     * printed (health answers UP); after {@link #RUNNING_WITHIN} it says which are not and goes on.
     */
    private void awaitTopologiesRunning() {
        final long deadline = System.nanoTime() + RUNNING_WITHIN.toNanos();
        while (!topologies.all().values().stream().allMatch(streams -> streams.state() == KafkaStreams.State.RUNNING)) {
            if (System.nanoTime() - deadline > 0) {
                final Map<String, String> states = new TreeMap<>();
                topologies.all().forEach((name, streams) -> states.put(name, streams.state().name()));
                LOG.warn("Not every topology is running {} after seeding: {}", RUNNING_WITHIN, states);
                return;
            }
            try {
                Thread.sleep(100);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the topologies to run", e);
            }
        }
    }
}
