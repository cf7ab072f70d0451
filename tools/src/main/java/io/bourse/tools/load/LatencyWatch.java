package io.bourse.tools.load;

import io.bourse.avro.matching.MatchNewOrderCommand;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.HdrHistogram.Recorder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches what the exchange answers and records latencies, in microseconds, into interval
 * recorders, each from the moment its answer becomes readable to a read_committed consumer here:
 * <ul>
 *   <li>place → verdict: the order's first result on {@code matching.results}, or the portfolio's
 *       refusal on {@code orders.events} (the moment the REST answer can be given);
 *   <li>place → reserved: the portfolio's command to matching on {@code matching.commands}, after its
 *       reservation: the first of the verdict's two stages, so the verdict's time splits by stage;
 *   <li>taker place → fill: its first FILL on {@code matching.results}, which the node pushes to the
 *       trader's private {@code orders} channel as it reads it;
 *   <li>taker place → settled fill: the portfolio's FILL on {@code orders.events}, after the
 *       balances moved (the {@code balances} channel shows it);
 *   <li>cancel → CANCELLED on {@code matching.results};
 *   <li>trade → WebSocket: how long after a trade became readable on {@code trades.executed} a
 *       WebSocket subscriber of {@code trades.<symbol>} on the node received it.
 * </ul>
 * Orders are followed by the exchange's order id ({@link OrderGateway#orderIdFor}).
 */
final class LatencyWatch implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(120);

    final Recorder verdict = recorder();
    final Recorder reserved = recorder();
    final Recorder firstFill = recorder();
    final Recorder settledFill = recorder();
    final Recorder cancelled = recorder();
    final Recorder tradeToWebSocket = recorder();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    /** Due times (nanoTime) of measured places awaiting each answer, by order id; of cancels by order id. */
    private final Map<String, Long> verdictDue = new ConcurrentHashMap<>();
    private final Map<String, Long> reserveDue = new ConcurrentHashMap<>();
    private final Map<String, Long> fillDue = new ConcurrentHashMap<>();
    private final Map<String, Long> settleDue = new ConcurrentHashMap<>();
    private final Map<String, Long> cancelledAt = new ConcurrentHashMap<>();
    /** Trades seen first on one side (Kafka or WebSocket) wait here for the other; negative = WebSocket first. */
    private final Map<String, Long> tradeSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final WebSocket socket;

    LatencyWatch(final LoadOptions options) throws Exception {
        // The node's client defaults (its socket buffers among them), so the generator reads as the node does.
        final KafkaEndpoints cluster = options.cluster();
        follow(cluster, Topics.MATCHING_COMMANDS, (key, command) -> onReserved(command.getPayload()));
        follow(cluster, Topics.MATCHING_RESULTS, (key, result) -> onResult(result));
        follow(cluster, Topics.ORDERS_EVENTS, (key, event) -> onOrderEvent(event));
        follow(cluster, Topics.TRADES_EXECUTED, (key, trade) -> onTrade(trade.getTradeId(), System.nanoTime(), true));
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(options.http().replaceFirst("^http", "ws") + "/ws"), new TradeListener())
                .get(10, TimeUnit.SECONDS);
        socket.sendText("{\"op\":\"subscribe\",\"channel\":\"trades." + OrderGateway.SYMBOL + "\"}", true);
    }

    void placed(final String orderId, final boolean taker, final long nanos) {
        verdictDue.put(orderId, nanos);
        reserveDue.put(orderId, nanos);
        if (taker) {
            fillDue.put(orderId, nanos);
            settleDue.put(orderId, nanos);
        }
    }

    void cancelSent(final String orderId, final long nanos) {
        cancelledAt.put(orderId, nanos);
    }

    private void onReserved(final Object payload) {
        if (payload instanceof MatchNewOrderCommand place) {
            final Long due = reserveDue.remove(place.getOrderId());
            if (due != null) {
                record(reserved, System.nanoTime() - due);
            }
        }
    }

    private void onResult(final MatchingResult r) {
        final long now = System.nanoTime();
        final String orderId = r.getOrderId();
        final Long placed = verdictDue.remove(orderId);
        if (placed != null) {
            record(verdict, now - placed);
            answered.incrementAndGet();
            if (r.getType() == MatchingResultType.REJECTED) {
                rejected.incrementAndGet();
            }
        }
        switch (r.getType()) {
            case FILL -> {
                final Long due = fillDue.remove(orderId);
                if (due != null) {
                    record(firstFill, now - due);
                }
            }
            case CANCELLED -> {
                final Long sent = cancelledAt.remove(orderId);
                if (sent != null) {
                    record(cancelled, now - sent);
                }
                // An IOC taker that found nothing to cross ends here, without a fill.
                forgetUnfilled(orderId);
            }
            case REJECTED, EXPIRED -> forgetUnfilled(orderId);
            // The maker filled before the cancel arrived: no CANCELLED will follow.
            case CANCEL_REJECTED -> cancelledAt.remove(orderId);
            default -> {
            }
        }
    }

    private void onOrderEvent(final OrderEvent e) {
        final long now = System.nanoTime();
        if (e.getType() == OrderEventType.REJECTED && e.getCommandId() != null) {
            // Refused by the portfolio: the engine never saw it.
            reserveDue.remove(e.getOrderId());
            final Long placed = verdictDue.remove(e.getOrderId());
            if (placed != null) {
                record(verdict, now - placed);
                answered.incrementAndGet();
                rejected.incrementAndGet();
            }
            forgetUnfilled(e.getOrderId());
        } else if (e.getType() == OrderEventType.FILL) {
            final Long due = settleDue.remove(e.getOrderId());
            if (due != null) {
                record(settledFill, now - due);
            }
        }
    }

    /** Drops a taker that will never fill, so the maps hold only what can still be answered. */
    private void forgetUnfilled(final String orderId) {
        if (fillDue.remove(orderId) != null) {
            settleDue.remove(orderId);
        }
    }

    /** Pairs the two sightings of a trade; the WebSocket one counts from the Kafka one (0 if it came first). */
    private void onTrade(final String tradeId, final long now, final boolean kafka) {
        final long mark = kafka ? now : -now;
        final Long other = tradeSeen.putIfAbsent(tradeId, mark);
        if (other == null || (other < 0) == !kafka) {
            return;
        }
        tradeSeen.remove(tradeId);
        final long kafkaSeen = kafka ? now : other;
        final long socketSeen = kafka ? -other : now;
        record(tradeToWebSocket, Math.max(0, socketSeen - kafkaSeen));
    }

    private static void record(final Recorder recorder, final long nanos) {
        recorder.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1_000)));
    }

    private static Recorder recorder() {
        return new Recorder(MAX_MICROS, 3);
    }

    private <V extends SpecificRecord> void follow(final KafkaEndpoints cluster, final Topic<V> topic,
            final BiConsumer<String, V> callback) {
        final KafkaConsumer<String, V> consumer = new KafkaConsumer<>(cluster.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                topic.keySerde().deserializer(), topic.valueSerde(cluster.serdeConfig()).deserializer());
        // The cluster's count, which need not be the catalogue's default (see PartitionCounts).
        final List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        final Thread thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> callback.accept(r.key(), r.value()));
                }
            }
        }, "loadgen-" + topic.name());
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        socket.abort();
        for (final Thread thread : threads) {
            thread.join(5_000);
        }
    }

    private final class TradeListener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
            final long now = System.nanoTime();
            partial.append(data);
            if (last) {
                final JsonNode message = JSON.readTree(partial.toString());
                partial.setLength(0);
                final String tradeId = message.path("data").path("tradeId").asString("");
                if (message.path("channel").asString("").startsWith("trades.") && !tradeId.isEmpty()) {
                    onTrade(tradeId, now, false);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
