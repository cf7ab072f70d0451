package io.bourse.launcher.failover;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.edge.infra.Commands;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.serde.SpecificAvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A steady, seeded flow of limit orders written into {@code orders.commands} as the edge writes them,
 * and every lifecycle event the exchange publishes for them, so a failover test can say that each
 * order the broker acknowledged got its verdict, once, and when the first one came after a fault.
 *
 * <p>Half the orders rest a tick or three off the instrument's base price (GTC makers), half cross it
 * (IOC takers), so reservation, matching and settlement all run; every trader places on every symbol.
 */
final class OrderFlow implements AutoCloseable {

    /** The engine's verdicts (and the portfolio's refusal): what answers a place request. */
    static final Set<OrderEventType> VERDICTS = EnumSet.of(OrderEventType.RESTING, OrderEventType.FILL, OrderEventType.FILLED,
            OrderEventType.CANCELLED, OrderEventType.EXPIRED, OrderEventType.REJECTED);
    private static final Set<OrderEventType> TERMINAL = EnumSet.of(OrderEventType.FILLED, OrderEventType.CANCELLED,
            OrderEventType.EXPIRED);
    private static final long TICK_PAISE = 5;

    /** An order the broker acknowledged. */
    record Placed(String orderId, String userId, String symbol, long sentAtMs) {
    }

    private final KafkaProducer<String, SpecificRecord> producer;
    private final List<String> users;
    private final List<Instrument> instruments;
    private final int perSecond;
    private final SplittableRandom random;
    private final String prefix;
    private final Map<String, Placed> acknowledged = new ConcurrentHashMap<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final Map<String, List<OrderEventType>> events = new ConcurrentHashMap<>();
    /** When this test first saw a verdict of each order. */
    private final Map<String, Long> verdictSeenAtMs = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final Thread generator;
    private final Thread watcher;
    private volatile boolean sending;
    private volatile boolean watching = true;

    OrderFlow(final String bootstrap, final String registry, final long seed, final List<String> users,
            final List<Instrument> instruments, final int perSecond) {
        final SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry), false);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "failover-order-flow"), new StringSerializer(), values);
        this.users = List.copyOf(users);
        this.instruments = List.copyOf(instruments);
        this.perSecond = perSecond;
        this.random = new SplittableRandom(seed);
        this.prefix = "fo-" + seed + "-";
        this.generator = new Thread(this::generate, "failover-order-flow");
        this.generator.setDaemon(true);
        this.watcher = new Thread(() -> watch(bootstrap, registry), "failover-verdicts");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    /** Starts placing {@code perSecond} orders a second, on a fixed schedule. */
    void start() {
        sending = true;
        generator.start();
    }

    /** Stops placing and waits until every order sent is acknowledged or failed. */
    void stop() throws InterruptedException {
        sending = false;
        generator.join(10_000);
        producer.flush();
    }

    private void generate() {
        final long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        final long start = System.nanoTime();
        for (long n = 0; sending; n++) {
            LockSupport.parkNanos(start + n * interval - System.nanoTime());
            place(n);
        }
    }

    private void place(final long n) {
        final String user = users.get(random.nextInt(users.size()));
        final Instrument instrument = instruments.get(random.nextInt(instruments.size()));
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final boolean taker = random.nextBoolean();
        final long ticks = 1 + random.nextInt(3);
        // A maker rests on its own side of the base price; a taker reaches across it.
        final long offset = (taker ? ticks : -ticks) * TICK_PAISE * (side == Side.BUY ? 1 : -1);
        final String orderId = prefix + n;
        final PlaceOrderCommand place = PlaceOrderCommand.newBuilder().setOrderId(orderId).setClientOrderId(orderId)
                .setSymbol(instrument.getSymbol()).setSide(side).setOrderType(OrderType.LIMIT)
                .setTimeInForce(taker ? TimeInForce.IOC : TimeInForce.GTC).setLimitPricePaise(instrument.getBasePricePaise() + offset)
                .setQuantityShares(1 + random.nextInt(5)).setPostOnly(false).setSelfTradePrevention(SelfTradePrevention.CANCEL_NEWEST)
                .build();
        final long sentAtMs = System.currentTimeMillis();
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(Topics.ORDERS_COMMANDS.name(), user, Commands.orderCommand(user, null, place,
                Instant.ofEpochMilli(sentAtMs))), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.put(orderId, new Placed(orderId, user, instrument.getSymbol(), sentAtMs));
                    } else {
                        failed.add(orderId + ": " + error);
                    }
                });
    }

    private void watch(final String bootstrap, final String registry) {
        try (KafkaConsumer<String, OrderEvent> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), Topics.ORDERS_EVENTS.keySerde().deserializer(),
                Topics.ORDERS_EVENTS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry)).deserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.ORDERS_EVENTS.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            while (watching) {
                try {
                    for (final ConsumerRecord<String, OrderEvent> record : consumer.poll(Duration.ofMillis(100))) {
                        final OrderEvent event = record.value();
                        if (event == null || !event.getOrderId().startsWith(prefix)) {
                            continue;
                        }
                        events.computeIfAbsent(event.getOrderId(), id -> new CopyOnWriteArrayList<>()).add(event.getType());
                        if (VERDICTS.contains(event.getType())) {
                            verdictSeenAtMs.putIfAbsent(event.getOrderId(), System.currentTimeMillis());
                        }
                    }
                } catch (final org.apache.kafka.common.errors.InterruptException e) {
                    return;
                } catch (final RuntimeException brokerAway) {
                    // a broker is down or being restarted: keep polling, the consumer finds the new leaders
                }
            }
        }
    }

    /**
     * When this test first saw a verdict for an order placed at or after {@code afterMs} that {@code which} selects;
     * empty while there is none.
     */
    OptionalLong firstVerdictFor(final long afterMs, final Predicate<Placed> which) {
        return acknowledged.values().stream().filter(p -> p.sentAtMs() >= afterMs && which.test(p))
                .map(p -> verdictSeenAtMs.get(p.orderId())).filter(t -> t != null).mapToLong(Long::longValue).min();
    }

    long sent() {
        return sent.get();
    }

    int acknowledged() {
        return acknowledged.size();
    }

    List<String> failed() {
        return List.copyOf(failed);
    }

    /** Acknowledged orders without a verdict yet. */
    long awaitingVerdict() {
        return acknowledged.keySet().stream().filter(id -> !verdictSeenAtMs.containsKey(id)).count();
    }

    /** How long the orders {@code which} selects waited for their verdict (sent to seen): median and 99th percentile, in ms. */
    String verdictLatency(final Predicate<Placed> which) {
        final long[] waits = acknowledged.values().stream().filter(which).filter(p -> verdictSeenAtMs.containsKey(p.orderId()))
                .mapToLong(p -> verdictSeenAtMs.get(p.orderId()) - p.sentAtMs()).sorted().toArray();
        return waits.length == 0 ? "no verdicts" : "p50 %d ms, p99 %d ms over %d orders".formatted(waits[waits.length / 2],
                waits[(int) Math.min(waits.length - 1, Math.ceil(waits.length * 0.99) - 1)], waits.length);
    }

    /** Acknowledged orders sent before {@code beforeMs} without a verdict yet: the exchange's backlog at that time. */
    long awaitingVerdictSentBefore(final long beforeMs) {
        return acknowledged.values().stream().filter(p -> p.sentAtMs() < beforeMs && !verdictSeenAtMs.containsKey(p.orderId()))
                .count();
    }

    /**
     * What is wrong with the events of the acknowledged orders: one without a verdict, put on the book twice
     * (more RESTING events than its amends explain), or ended twice; empty when every order got its verdict
     * exactly once.
     */
    List<String> problems() {
        final List<String> problems = new ArrayList<>();
        for (final Placed placed : acknowledged.values()) {
            final List<OrderEventType> types = events.getOrDefault(placed.orderId(), List.of());
            final long rested = types.stream().filter(t -> t == OrderEventType.RESTING).count()
                    - types.stream().filter(t -> t == OrderEventType.AMENDED).count();
            final long terminal = types.stream().filter(TERMINAL::contains).count();
            if (types.stream().noneMatch(VERDICTS::contains)) {
                problems.add(placed + " has no verdict: " + types);
            } else if (rested > 1 || terminal > 1) {
                problems.add(placed + " was put on the book " + rested + " and ended " + terminal + " times: " + types);
            }
        }
        return problems;
    }

    /** How many acknowledged orders got each kind of event, e.g. {@code FILL=1234}. */
    Map<OrderEventType, Long> tally() {
        final Map<OrderEventType, Long> tally = new java.util.TreeMap<>();
        acknowledged.keySet().forEach(id -> events.getOrDefault(id, List.of()).forEach(t -> tally.merge(t, 1L, Long::sum)));
        return tally;
    }

    @Override
    public void close() throws InterruptedException {
        sending = false;
        watching = false;
        generator.join(10_000);
        watcher.join(10_000);
        producer.close(Duration.ofSeconds(10));
    }
}
