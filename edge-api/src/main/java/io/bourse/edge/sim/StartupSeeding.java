package io.bourse.edge.sim;

import io.bourse.edge.BourseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final ExchangeSeeder seeder;
    private final MarketSimulator simulator;
    private final BourseProperties properties;
    private final int port;

    public StartupSeeding(final ExchangeSeeder seeder, final MarketSimulator simulator, final BourseProperties properties,
            @Value("${local.server.port:${server.port:8080}}") final int port) {
        this.seeder = seeder;
        this.simulator = simulator;
        this.properties = properties;
        this.port = port;
    }

    private volatile boolean stopping;

    @jakarta.annotation.PreDestroy
    void stopSimulator() {
        stopping = true;
        simulator.stop();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        if (!properties.kafka().embedded() && !properties.simulator().enabled()) {
            return;
        }
        final Thread thread = new Thread(this::seedUntilDone, "bourse-seed");
        thread.setDaemon(true);
        thread.start();
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
        LOG.info("""

                Bourse is up: http://localhost:{}/  (API docs: http://localhost:{}/swagger-ui.html)
                  demo trader : {} / {}
                  admin       : {} / {}
                  try         : curl -s -X POST localhost:{}/api/v1/auth/login -H 'Content-Type: application/json' \\
                                  -d '{"email":"{}","password":"{}"}'
                """, port, port, ExchangeSeeder.DEMO_EMAIL, ExchangeSeeder.DEMO_PASSWORD, ExchangeSeeder.ADMIN_EMAIL,
                ExchangeSeeder.ADMIN_PASSWORD, port, ExchangeSeeder.DEMO_EMAIL, ExchangeSeeder.DEMO_PASSWORD);
    }
}
