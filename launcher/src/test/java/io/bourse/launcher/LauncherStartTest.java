package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.edge.Http;
import io.bourse.edge.TestData;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's plain start, as {@code ./bourse run} makes it ({@link Launcher#start} with the node's
 * own defaults, only the ports and the data directory moved aside): the embedded broker and registry
 * come up, the exchange is seeded, the simulator trades, the demo trader's example order from the
 * README rests, and a stop ends everything within seconds.
 */
@Tag("broker")
class LauncherStartTest {

    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    @Test
    void shouldStartTheEmbeddedDefaultTradeAndStop() {
        final ConfigurableApplicationContext exchange = Launcher.start("--server.port=0",
                "--bourse.data-dir=" + TestData.directory("bourse-launcher-start"),
                "--bourse.kafka.embedded-kafka-port=0", "--bourse.kafka.embedded-registry-port=0");
        try {
            final KafkaEndpoints cluster = exchange.getBean(KafkaEndpoints.class);
            assertThat(cluster.bootstrapServers()).as("the launcher's embedded broker").startsWith("localhost:");
            final Http http = new Http(exchange.getEnvironment().getRequiredProperty("local.server.port", Integer.class));

            final String token = await().atMost(Duration.ofSeconds(120)).until(() -> {
                final Http.Response login = http.post("/api/v1/auth/login",
                        Map.of("email", "demo@bourse.local", "password", "demo-trader-2026"), null);
                return login.status() == 200 ? login.body().path("accessToken").asString() : null;
            }, t -> t != null);
            // The simulator's bots trade: a ticker exists only once a trade did.
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/api/v1/market/tickers", null).body().size() > 0);

            final Http.Response order = http.post("/api/v1/orders", Map.of("symbol", "RELIANCE", "side", "BUY", "type", "LIMIT",
                    "price", "2400.00", "quantity", 5), token);
            assertThat(order.status()).isEqualTo(201);
            assertThat(order.body().path("status").asString()).isEqualTo("RESTING");
            assertThat(http.get("/api/v1/portfolio/balances", token).body().path("cash").path("reserved").asString())
                    .isNotEqualTo("0.00");
        } finally {
            final long stopping = System.nanoTime();
            exchange.close();
            final Duration took = Duration.ofNanos(System.nanoTime() - stopping);
            System.out.println("LauncherStartTest: stopped in " + took.toMillis() + " ms");
            assertThat(took).isLessThan(STOP_WITHIN);
        }
    }
}
