package io.bourse.launcher.sim;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.orders.CancelOrderCommand;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.Commands;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded exchange alive: market makers quote both sides around a random-walking fair
 * price per symbol (1–6 ticks off it), and takers cross the spread with IOC limits that reach past
 * the quotes made around the last two fair-price moves, all as ordinary seeded, KYC-approved,
 * funded accounts sending ordinary commands. Rate and seed come from {@code bourse.simulator.*}.
 */
@Component
public class MarketSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(MarketSimulator.class);
    /** Makers quote 1 to this many ticks off the fair price. */
    private static final int MAKER_OFFSET_TICKS = 6;
    private static final int MAKERS = 3;
    private static final int TAKERS = 2;
    private static final int QUOTES_KEPT = 8;

    private final ExchangeSeeder seeder;
    private final Commands commands;
    private final BourseProperties.Simulator settings;
    private final SplittableRandom random;
    private final Map<String, Long> fair = new HashMap<>();
    private final Map<String, Deque<String>> quotes = new HashMap<>();
    private final List<String> makers = new ArrayList<>();
    private final List<String> takers = new ArrayList<>();
    private volatile ScheduledExecutorService ticker;
    /** Set by {@link #stop}: a start still seeding gives up at its next step, and none begins again. */
    private volatile boolean stopped;
    private long counter;

    public MarketSimulator(final ExchangeSeeder seeder, final Commands commands, final BourseProperties properties) {
        this.seeder = seeder;
        this.commands = commands;
        this.settings = properties.simulator();
        this.random = new SplittableRandom(settings.seed());
    }

    /** The e-mail of market maker {@code i}; bots' notifications are all turned off ({@link ExchangeSeeder#quiet}). */
    static String maker(final int i) {
        return "maker" + i + "@bots.bourse.local";
    }

    /** The e-mail of taker {@code i}. */
    static String taker(final int i) {
        return "taker" + i + "@bots.bourse.local";
    }

    /**
     * Seeds the bots (idempotently) and starts trading. Gives up, with an {@link IllegalStateException},
     * as soon as {@link #stop} has been called, even between two seeding steps.
     */
    public synchronized void start() {
        if (!settings.enabled() || settings.ordersPerSecond() <= 0 || ticker != null || stopped) {
            return;
        }
        // A start that failed part-way (broker unavailable) is retried from the beginning.
        makers.clear();
        takers.clear();
        for (int i = 0; i < MAKERS; i++) {
            checkNotStopped();
            seeder.quiet(maker(i));
            makers.add(seeder.trader(maker(i), "bot-password-" + i, "Market maker " + i, 50_000_000_000L, 50_000));
        }
        for (int i = 0; i < TAKERS; i++) {
            checkNotStopped();
            seeder.quiet(taker(i));
            takers.add(seeder.trader(taker(i), "bot-password-" + i, "Taker " + i, 10_000_000_000L, 10_000));
        }
        ExchangeSeeder.INSTRUMENTS.forEach(i -> fair.put(i.getSymbol(), i.getBasePricePaise()));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "bourse-simulator");
            t.setDaemon(true);
            return t;
        });
        final long periodMicros = 1_000_000L / settings.ordersPerSecond();
        ticker.scheduleAtFixedRate(this::tickSafely, 0, periodMicros, TimeUnit.MICROSECONDS);
        if (stopped) {
            // stop() ran while the ticker was being made and may not have seen it.
            ticker.shutdownNow();
            return;
        }
        LOG.info("Market simulator running: {} makers, {} takers, {} orders/s, seed {}", MAKERS, TAKERS,
                settings.ordersPerSecond(), settings.seed());
    }

    /**
     * Stops trading for good. Never waits for {@link #start}: a start blocked on a verdict that will
     * not come (the node is shutting down) must not hold the shutdown; it notices the flag at its next
     * step, and the thread running it is for its owner to interrupt.
     */
    public void stop() {
        stopped = true;
        final ScheduledExecutorService running = ticker;
        if (running != null) {
            running.shutdownNow();
        }
    }

    private void checkNotStopped() {
        if (stopped || Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("the simulator is stopping");
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (final RuntimeException e) {
            LOG.warn("Simulator step failed: {}", e.toString());
        }
    }

    private void tick() {
        final Instrument instrument = ExchangeSeeder.INSTRUMENTS.get(random.nextInt(ExchangeSeeder.INSTRUMENTS.size()));
        final String symbol = instrument.getSymbol();
        final long tick = instrument.getTickSizePaise();
        final long base = instrument.getBasePricePaise();
        final long step = Math.max(tick, base / 2_000) / tick * tick;
        final long price = Math.max(base * 90 / 100, Math.min(base * 110 / 100, fair.get(symbol) + (random.nextInt(3) - 1) * step));
        fair.put(symbol, price / tick * tick);
        if (random.nextInt(4) == 0) {
            // A marketable limit: it crosses the makers' quotes but never sweeps a thin book down to
            // a real user's far-away order, as a market order would.
            final String taker = takers.get(random.nextInt(takers.size()));
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long reach = 2 * step + MAKER_OFFSET_TICKS * tick;
            place(taker, symbol, side, OrderType.LIMIT, TimeInForce.IOC,
                    fair.get(symbol) + (side == Side.BUY ? reach : -reach), 1 + random.nextLong(20));
            return;
        }
        final String maker = makers.get(random.nextInt(makers.size()));
        final Deque<String> live = quotes.computeIfAbsent(maker + "/" + symbol, k -> new ArrayDeque<>());
        while (live.size() >= QUOTES_KEPT) {
            commands.order(maker, CancelOrderCommand.newBuilder().setOrderId(live.removeFirst()).build());
        }
        final long offset = (1 + random.nextInt(MAKER_OFFSET_TICKS)) * tick;
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        live.addLast(place(maker, symbol, side, OrderType.LIMIT, TimeInForce.GTC,
                fair.get(symbol) + (side == Side.BUY ? -offset : offset), 1 + random.nextLong(60)));
    }

    private String place(final String user, final String symbol, final Side side, final OrderType type, final TimeInForce tif,
            final Long price, final long quantity) {
        final String orderId = "sim-" + settings.seed() + "-" + System.currentTimeMillis() + "-" + (++counter);
        commands.order(user, PlaceOrderCommand.newBuilder().setOrderId(orderId).setClientOrderId(null).setSymbol(symbol)
                .setSide(side).setOrderType(type).setTimeInForce(tif).setLimitPricePaise(price).setQuantityShares(quantity)
                .setPostOnly(false).setSelfTradePrevention(SelfTradePrevention.CANCEL_OLDEST).build());
        return orderId;
    }
}
