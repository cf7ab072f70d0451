package io.bourse.edge.load;

import io.bourse.avro.accounts.AccountCommand;
import io.bourse.avro.accounts.AccountRole;
import io.bourse.avro.accounts.ApproveKycCommand;
import io.bourse.avro.accounts.RegisterAccountCommand;
import io.bourse.avro.accounts.SubmitKycCommand;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.avro.orders.TransferInSharesCommand;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.catalogue.UserIds;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.serde.SpecificAvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Offers orders at a fixed rate straight into {@code orders.commands} (as the edge would) and
 * measures, with HdrHistogram, place → ACCEPTED and place → first fill from {@code orders.events}.
 * Half the orders cross, so the whole path — reserve, match, settle — is exercised. It sets up its
 * own funded, KYC-approved traders first, through the ordinary command topics.
 *
 * <p>Usage: {@code java -jar bourse-node.jar loadgen [rate/s] [seconds] [bootstrap] [registry] [seed]}.
 * Run it against a node whose simulator is off; it stops by itself.
 */
public final class LoadGenerator {

    private static final String SYMBOL = "ITC";
    private static final long PRICE = 47_000;
    private static final int TRADERS = 20;

    private LoadGenerator() {
    }

    public static void main(final String[] args) throws Exception {
        final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        final String bootstrap = args.length > 2 ? args[2] : "localhost:9092";
        final String registry = args.length > 3 ? args[3] : "http://localhost:8081";
        final long seed = args.length > 4 ? Long.parseLong(args[4]) : System.nanoTime();
        System.out.printf("loadgen rate=%d/s duration=%ds seed=%d bootstrap=%s%n", rate, seconds, seed, bootstrap);
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry);
        try (KafkaProducer<String, SpecificRecord> producer = producer(bootstrap, serde)) {
            final List<String> traders = setUp(producer, seed);
            run(producer, traders, rate, seconds, bootstrap, serde, seed);
        }
    }

    private static List<String> setUp(final KafkaProducer<String, SpecificRecord> producer, final long seed) throws Exception {
        final List<String> traders = new ArrayList<>();
        final String admin = UserIds.forEmail("admin@bourse.local");
        for (int i = 0; i < TRADERS; i++) {
            final String email = "load" + i + "@loadgen.bourse.local";
            final String user = UserIds.forEmail(email);
            traders.add(user);
            send(producer, Topics.ACCOUNTS_COMMANDS, user, account(user, RegisterAccountCommand.newBuilder().setEmail(email)
                    .setPasswordHash("{noop}unused").setDisplayName("Load " + i).setRole(AccountRole.TRADER).build()));
            send(producer, Topics.ACCOUNTS_COMMANDS, user, account(user, SubmitKycCommand.newBuilder().setLegalName("Load " + i)
                    .setDateOfBirth(LocalDate.of(1990, 1, 1)).setPan("ABCDE1234F").setAddress("Mumbai").build()));
            send(producer, Topics.ACCOUNTS_COMMANDS, user, account(user, ApproveKycCommand.newBuilder().setAdminUserId(admin).build()));
        }
        producer.flush();
        Thread.sleep(5_000);
        for (final String user : traders) {
            send(producer, Topics.PAYMENTS_EVENTS, user, PaymentEvent.newBuilder().setEventId("load-" + user + "-" + seed)
                    .setType(PaymentEventType.DEPOSIT_CONFIRMED).setUserId(user).setProvider("sandbox")
                    .setProviderPaymentId("load-" + seed + "-" + user).setWithdrawalId(null).setAmountPaise(1_000_000_000_000L)
                    .setCurrency("INR").setReason(null).setTimestampMs(Instant.now()).build());
            send(producer, Topics.ORDERS_COMMANDS, user, order(user, TransferInSharesCommand.newBuilder().setSymbol(SYMBOL)
                    .setQuantityShares(10_000_000).setReference("load-" + seed).build()));
        }
        producer.flush();
        Thread.sleep(5_000);
        return traders;
    }

    private static void run(final KafkaProducer<String, SpecificRecord> producer, final List<String> traders, final int rate,
            final int seconds, final String bootstrap, final Map<String, Object> serde, final long seed) throws Exception {
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final java.util.Set<String> takers = ConcurrentHashMap.newKeySet();
        final Histogram accepted = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final Histogram firstFill = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final AtomicLong acceptedCount = new AtomicLong();
        final AtomicBoolean listening = new AtomicBoolean(true);
        final AtomicLong rejectedCount = new AtomicLong();
        final Thread listener = new Thread(() -> listen(bootstrap, serde, sentAt, takers, accepted, firstFill, acceptedCount,
                rejectedCount, listening));
        listener.start();
        Thread.sleep(2_000);
        final SplittableRandom random = new SplittableRandom(seed);
        final long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        final long start = System.nanoTime();
        final long total = (long) rate * seconds;
        for (long n = 0; n < total; n++) {
            final long due = start + n * interval;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(Math.min(50_000, due - System.nanoTime()));
            }
            final String user = traders.get(random.nextInt(traders.size()));
            final boolean buy = random.nextBoolean();
            // Half rest a tick or two away from the centre (makers), half cross it (takers).
            final boolean taker = random.nextBoolean();
            final long ticks = 1 + random.nextInt(2);
            final long price = taker ? PRICE + (buy ? 1 : -1) * 5L * ticks : PRICE + (buy ? -1 : 1) * 5L * ticks;
            final String orderId = "load-" + seed + "-" + n;
            sentAt.put(orderId, System.nanoTime());
            if (taker) {
                takers.add(orderId);
            }
            producer.send(new ProducerRecord<>(Topics.ORDERS_COMMANDS.name(), user, order(user, PlaceOrderCommand.newBuilder()
                    .setOrderId(orderId).setClientOrderId(null).setSymbol(SYMBOL).setSide(buy ? Side.BUY : Side.SELL)
                    .setOrderType(OrderType.LIMIT).setTimeInForce(taker ? TimeInForce.IOC : TimeInForce.GTC).setLimitPricePaise(price)
                    .setQuantityShares(1 + random.nextInt(10)).setPostOnly(false)
                    .setSelfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).build())));
        }
        final double offeredSeconds = (System.nanoTime() - start) / 1e9;
        producer.flush();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acceptedCount.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        final double elapsed = (System.nanoTime() - start) / 1e9;
        listening.set(false);
        listener.join(5_000);
        System.out.printf("offered %d orders in %.1f s (%.0f/s); answered %d (%d rejected) in %.1f s (%.0f/s)%n", total,
                offeredSeconds, total / offeredSeconds, acceptedCount.get(), rejectedCount.get(), elapsed, acceptedCount.get() / elapsed);
        print("place -> ACCEPTED", accepted);
        print("taker place -> fill", firstFill);
    }

    private static void listen(final String bootstrap, final Map<String, Object> serde, final Map<String, Long> sentAt,
            final java.util.Set<String> takers, final Histogram accepted, final Histogram firstFill, final AtomicLong acceptedCount,
            final AtomicLong rejectedCount, final AtomicBoolean listening) {
        final Map<String, Boolean> filled = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, OrderEvent> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.ORDERS_EVENTS.keySerde().deserializer(), Topics.ORDERS_EVENTS.valueSerde(serde).deserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.ORDERS_EVENTS.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.ORDERS_EVENTS.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (listening.get()) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    final OrderEvent e = record.value();
                    final Long sent = sentAt.get(e.getOrderId());
                    if (sent == null) {
                        return;
                    }
                    final long micros = Math.max(1, (System.nanoTime() - sent) / 1_000);
                    if (e.getType() == OrderEventType.ACCEPTED || e.getType() == OrderEventType.REJECTED) {
                        accepted.recordValue(Math.min(micros, accepted.getHighestTrackableValue()));
                        acceptedCount.incrementAndGet();
                        if (e.getType() == OrderEventType.REJECTED) {
                            rejectedCount.incrementAndGet();
                        }
                    } else if (e.getType() == OrderEventType.FILL && takers.contains(e.getOrderId())
                            && filled.putIfAbsent(e.getOrderId(), true) == null) {
                        firstFill.recordValue(Math.min(micros, firstFill.getHighestTrackableValue()));
                    }
                });
            }
        }
    }

    private static void print(final String what, final Histogram h) {
        System.out.printf("%-22s n=%-7d p50=%6.1f ms  p90=%6.1f ms  p99=%6.1f ms  p99.9=%6.1f ms  max=%6.1f ms%n", what,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    private static AccountCommand account(final String user, final Object payload) {
        return AccountCommand.newBuilder().setCommandId(java.util.UUID.randomUUID().toString()).setUserId(user)
                .setIssuedAtMs(Instant.now()).setPayload(payload).build();
    }

    private static OrderCommand order(final String user, final Object payload) {
        return OrderCommand.newBuilder().setCommandId(java.util.UUID.randomUUID().toString()).setUserId(user)
                .setIssuedAtMs(Instant.now()).setIdempotencyKey(null).setPayload(payload).build();
    }

    private static <V extends SpecificRecord> void send(final KafkaProducer<String, SpecificRecord> producer, final Topic<V> topic,
            final String key, final V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, value));
    }

    private static KafkaProducer<String, SpecificRecord> producer(final String bootstrap, final Map<String, Object> serde) {
        final SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(serde, false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), values);
    }
}
