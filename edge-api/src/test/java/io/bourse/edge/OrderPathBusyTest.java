package io.bourse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.common.InstrumentStatus;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.edge.infra.InstrumentCatalog;
import io.bourse.edge.infra.OrderVerdicts;
import io.bourse.edge.security.TokenService;
import io.bourse.edge.web.PlacesInProgress;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.testing.Ports;
import io.bourse.testing.broker.SharedBroker;
import io.bourse.testing.broker.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node whose order path has fallen behind refuses new places at once, with 503
 * {@code EXCHANGE_BUSY} and {@code Retry-After}, and sends nothing; cancels still go through, and
 * places are taken again as soon as nothing it sent waits longer than {@code bourse.orders.busy-after}.
 * The node hosts market data only, so the places it sends are never decided: the path is as far
 * behind as its oldest wait. It has two request threads, and orders waiting for their verdicts hold
 * none of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SharedBroker
class OrderPathBusyTest {

    private static final String SYMBOL = "BUSYPATH";
    private static final String TRADER = "busy-path-trader";

    @TempDir
    static Path dir;
    private ConfigurableApplicationContext node;
    private EmbeddedInfrastructure infra;
    private Http http;
    private String token;

    @BeforeAll
    void start(final EmbeddedInfrastructure shared) throws Exception {
        infra = shared;
        final int port = Ports.free();
        node = TestNodes.start(infra, dir.resolve("node"), port,
                "--bourse.topologies=marketdata",
                "--server.tomcat.threads.max=2",
                "--server.tomcat.threads.min-spare=1",
                "--bourse.orders.place-wait=3s",
                "--bourse.orders.busy-after=300ms",
                "--bourse.security.jwt-secret=a-busy-path-secret-of-32-bytes-or-more",
                "--bourse.payments.webhook-secret=busy-path-webhook-secret");
        addInstrument();
        await().atMost(Duration.ofSeconds(60)).until(() -> node.getBean(InstrumentCatalog.class).get(SYMBOL).isPresent());
        http = new Http(port);
        token = node.getBean(TokenService.class).issue(TRADER, "TRADER", Instant.now()).accessToken();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void shouldRefusePlacesWhileAPlaceHasWaitedTooLongAndTakeThemAgainAfter() throws Exception {
        final PlacesInProgress places = node.getBean(PlacesInProgress.class);
        final OrderVerdicts verdicts = node.getBean(OrderVerdicts.class);
        final CompletableFuture<Http.Response> waiting = CompletableFuture.supplyAsync(() -> place("100.00", "busy-first"));
        // In progress for longer than busy-after, and sent: waiting for its verdict (a node's first request may take
        // longer than busy-after to get that far).
        await().atMost(Duration.ofSeconds(10))
                .until(() -> verdicts.waiting() == 1 && places.oldest().compareTo(Duration.ofMillis(400)) > 0);
        // A retry of the waiting order is not refused: it shares the wait, and the portfolio places an order id once.
        final CompletableFuture<Http.Response> retry = CompletableFuture.supplyAsync(() -> place("100.00", "busy-first"));

        final Http.Response refused = place("101.00");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("EXCHANGE_BUSY");
        assertThat(refused.body().path("detail").asString()).startsWith("Nothing was placed");
        assertThat(refused.headers().get("retry-after")).containsExactly("1");
        // A cancel is never refused for being busy: it only ever lowers a trader's risk.
        assertThat(http.delete("/api/v1/orders/any-order", token).status()).isEqualTo(202);

        // The first place ends its wait undecided (202); then places are taken again.
        assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(202);
        assertThat(retry.get(10, TimeUnit.SECONDS).status()).isEqualTo(202);
        assertThat(places.oldest()).isEqualTo(Duration.ZERO);
        assertThat(place("102.00").status()).isEqualTo(202);

        assertThat(node.getBean(MeterRegistry.class).counter("bourse.orders.shed").count()).isEqualTo(1.0);
        // On orders.commands: the first place and its retry (sent from another thread, so in no fixed place among
        // the others), the cancel and the last place; not the refused one.
        final List<String> sent = new ArrayList<>();
        TopicReader.readToEnd(infra.bootstrapServers(), Topics.ORDERS_COMMANDS.name(),
                Topics.ORDERS_COMMANDS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl())).deserializer(),
                record -> {
                    if (TRADER.equals(record.key())) {
                        sent.add(payloadOf(record.value()));
                    }
                });
        assertThat(sent).containsExactlyInAnyOrder("place 10000", "place 10000", "cancel", "place 10200");
        assertThat(sent.get(sent.size() - 1)).isEqualTo("place 10200");
    }

    @Test
    void shouldHoldNoRequestThreadWhileOrdersWaitForTheirVerdicts() throws Exception {
        final String holder = node.getBean(TokenService.class).issue("busy-path-holder", "TRADER", Instant.now()).accessToken();
        final OrderVerdicts verdicts = node.getBean(OrderVerdicts.class);
        final ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            // Cancels are never refused as busy; here, like every order, they wait their whole place-wait undecided.
            final List<Future<Http.Response>> cancels = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                final String orderId = "held-" + i;
                cancels.add(clients.submit(() -> http.delete("/api/v1/orders/" + orderId, holder)));
            }
            // Six waits at once on two request threads, and the node still answers: none of them holds a thread.
            await().atMost(Duration.ofSeconds(10)).until(() -> verdicts.waiting() >= 6);
            assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
            assertThat(cancels).noneMatch(Future::isDone);
            assertThat(node.getBean(MeterRegistry.class).get("bourse.orders.waiting").gauge().value()).isGreaterThanOrEqualTo(6.0);
            for (final Future<Http.Response> cancel : cancels) {
                assertThat(cancel.get(20, TimeUnit.SECONDS).status()).isEqualTo(202);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private Http.Response place(final String price) {
        return place(price, null);
    }

    private Http.Response place(final String price, final String idempotencyKey) {
        return http.postRaw("/api/v1/orders", Http.JSON.writeValueAsString(Map.of("symbol", SYMBOL, "side", "BUY", "type", "LIMIT",
                "price", price, "quantity", 1)), token, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    private static String payloadOf(final OrderCommand command) {
        return command.getPayload() instanceof PlaceOrderCommand place
                ? "place " + place.getLimitPricePaise() : "cancel";
    }

    private void addInstrument() throws Exception {
        final Instrument instrument = Instrument.newBuilder().setSymbol(SYMBOL).setName("Busy Path Ltd").setIsin(null)
                .setTickSizePaise(5).setLotSizeShares(1).setMinQuantityShares(1).setMaxQuantityShares(1_000_000)
                .setBasePricePaise(10_000).setPriceBandBasisPoints(2_000).setMakerFeeBasisPoints(null).setTakerFeeBasisPoints(null)
                .setStatus(InstrumentStatus.TRADING).setUpdatedAtMs(Instant.now()).build();
        try (KafkaProducer<String, Instrument> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()), Topics.INSTRUMENTS.keySerde().serializer(),
                Topics.INSTRUMENTS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl())).serializer())) {
            producer.send(new ProducerRecord<>(Topics.INSTRUMENTS.name(), SYMBOL, instrument)).get(30, TimeUnit.SECONDS);
        }
    }
}
