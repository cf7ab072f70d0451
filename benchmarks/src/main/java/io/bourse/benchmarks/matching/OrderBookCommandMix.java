package io.bourse.benchmarks.matching;

import io.bourse.matching.core.BookOrder;
import io.bourse.matching.core.EngineState;
import io.bourse.matching.core.FastOrderBook;
import io.bourse.matching.core.InstrumentSpec;
import io.bourse.matching.core.MatchingEngine;
import io.bourse.matching.core.MatchingListener;
import io.bourse.matching.core.NewOrder;
import io.bourse.matching.core.OrderBook;
import io.bourse.matching.core.OrderType;
import io.bourse.matching.core.Reason;
import io.bourse.matching.core.SelfTradePrevention;
import io.bourse.matching.core.Side;
import io.bourse.matching.core.TimeInForce;
import io.bourse.matching.core.TradingStatus;
import java.util.SplittableRandom;

/**
 * A seeded command stream shaped like exchange-core's order-book benchmark: a book held near a
 * target size around a fixed centre price, where most commands move resting orders toward the
 * last trade. Per step a side is drawn at random; while that side has fewer orders than half the
 * target, one step in five places a GTC limit, one in ten cancels, one in ten reduces and the rest
 * move; once it is full, one in twenty is an aggressive IOC (one in 32 of those a FOK), one in 40
 * cancels, one in 40 reduces and the rest move. The side sizes steering this are re-read every
 * {@value #BOOK_CHECK_INTERVAL} commands, so the book overshoots and drains a little around the
 * target, which is what yields the mix (≈71% moves, ≈13% GTC, ≈7% cancels, ≈7% reductions, ≈2% IOC).
 *
 * <ul>
 *   <li>Sizes are {@code 1 + a·b·c} with a, b, c uniform in 0..5: 1 to 126 shares, mean ≈ 16.6,
 *       size 1 for 42% of orders.
 *   <li>GTC prices cluster at the last trade: a spread {@code d} is drawn with density falling
 *       away from zero (uniform squared, times the deviation of 5% of the centre), the offset is
 *       a bell-shaped sum of uniforms on [-d, d], folded so buys sit at or below the last trade
 *       and sells at or above it.
 *   <li>A move shifts an order toward the last trade by 1% of the gap, rounded away from zero
 *       so it is at least one tick (a random tick up or down when it is at the last trade).
 *   <li>A reduction takes 1 to all of the open quantity off. Taking all of it is what
 *       exchange-core does as a "reduce to zero"; our engine's amend cannot reach zero, so that
 *       case is sent as a cancel and counted apart.
 *   <li>Cancel, reduce and move pick uniformly among the 512 oldest open orders.
 * </ul>
 *
 * <p>The generator runs every command through a {@link FastOrderBook}-backed engine as it goes and
 * follows the engine's events, so each amend and cancel targets an order open at that point and
 * nothing is rejected (a rejection is a generator bug and throws). The stream is split into a
 * fill prefix, which grows the empty book to about the target, and the measured commands.
 * Self-trades are prevented by DECREMENT_AND_CANCEL, the mode closest to exchange-core, which
 * lets a user's orders meet: both lose the matched quantity, though no trade is printed.
 */
public final class OrderBookCommandMix {

    public static final long DEFAULT_SEED = 20_250_101L;
    public static final int DEFAULT_COMMANDS = 3_000_000;
    public static final int DEFAULT_TARGET_ORDERS = 1_000;
    public static final int DEFAULT_USERS = 1_000;
    /**
     * ₹300.00 at a 1-paisa tick. The clustering is ±5% of the centre, so the centre sets how many
     * ticks the book spreads over; this one gives exchange-core's shape (≈490 levels for ≈1,000
     * orders) and, because a tighter book trades more and refills more, its mix too.
     */
    public static final long DEFAULT_CENTRE_PRICE_PAISE = 30_000;

    static final int BOOK_CHECK_INTERVAL = 512;
    private static final int OLDEST_ORDERS_TARGETED = 512;
    private static final int FOK_ONE_IN = 32;

    private final Settings settings;
    private final InstrumentSpec spec;
    private final CommandStream fill;
    private final CommandStream commands;
    private final MixStatistics statistics;

    /**
     * @param centrePricePaise the price the book clusters around; orders stay within ±25% of it
     */
    public record Settings(long seed, int commands, int targetOrders, int users, long centrePricePaise) {

        public Settings {
            if (commands <= 0 || targetOrders < 2 || users < 2 || centrePricePaise < 1_000) {
                throw new IllegalArgumentException("bad mix settings " + this);
            }
        }

        public static Settings defaults(final long seed) {
            return new Settings(seed, DEFAULT_COMMANDS, DEFAULT_TARGET_ORDERS, DEFAULT_USERS, DEFAULT_CENTRE_PRICE_PAISE);
        }

        public Settings withCommands(final int count) {
            return new Settings(seed, count, targetOrders, users, centrePricePaise);
        }
    }

    private OrderBookCommandMix(final Settings settings, final InstrumentSpec spec, final CommandStream fill,
            final CommandStream commands, final MixStatistics statistics) {
        this.settings = settings;
        this.spec = spec;
        this.fill = fill;
        this.commands = commands;
        this.statistics = statistics;
    }

    public static OrderBookCommandMix generate(final Settings settings) {
        return new Generator(settings).run();
    }

    public Settings settings() {
        return settings;
    }

    /** Tick 1 paisa, lot 1, quantities 1..1,000, band ±90% so no generated price is ever outside it. */
    public InstrumentSpec spec() {
        return spec;
    }

    /** The prefix that grows an empty book to about the target size; replay it before {@link #commands}. */
    public CommandStream fill() {
        return fill;
    }

    /** The measured commands. */
    public CommandStream commands() {
        return commands;
    }

    public MixStatistics statistics() {
        return statistics;
    }

    /** A new engine on {@code book}, with the fill prefix applied: ready for {@link #commands}. */
    public MatchingEngine primedEngine(final OrderBook book, final MatchingListener listener) {
        final MatchingEngine engine = new MatchingEngine(spec, book, EngineState.INITIAL);
        fill.applyAll(engine, listener);
        return engine;
    }

    /** Prints the mix of the default stream; arguments: {@code [seed [commands [centrePricePaise]]]}. */
    public static void main(final String[] args) {
        final Settings defaults = Settings.defaults(args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SEED);
        final Settings settings = new Settings(defaults.seed(),
                args.length > 1 ? Integer.parseInt(args[1]) : defaults.commands(), defaults.targetOrders(), defaults.users(),
                args.length > 2 ? Long.parseLong(args[2]) : defaults.centrePricePaise());
        final long start = System.nanoTime();
        final OrderBookCommandMix mix = generate(settings);
        System.out.printf("generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.print(mix.statistics().describe());
    }

    /** One pass of the simulation; follows the engine's events to keep its view of the book. */
    private static final class Generator implements MatchingListener {
        private final Settings settings;
        private final SplittableRandom random;
        private final InstrumentSpec spec;
        private final MatchingEngine engine;
        private final OpenOrders open;
        private final String[] users;
        private final long priceDeviation;
        private final long minPrice;
        private final long maxPrice;
        private final int halfTarget;
        private final MixStatistics.Counter counter = new MixStatistics.Counter();
        private final CommandStream.Builder fill;
        private final CommandStream.Builder measured;

        private long lastTradePrice;
        private int orderNumber;
        private int seenBids;
        private int seenAsks;
        private boolean measuring;

        Generator(final Settings settings) {
            this.settings = settings;
            this.random = new SplittableRandom(settings.seed());
            final long centre = settings.centrePricePaise();
            this.priceDeviation = Math.min(centre * 5 / 100, 10_000);
            this.minPrice = centre - 5 * priceDeviation;
            this.maxPrice = centre + 5 * priceDeviation;
            this.lastTradePrice = centre;
            this.spec = new InstrumentSpec("BENCH", 1, 1, 1, 1_000, centre, 9_000);
            this.engine = new MatchingEngine(spec, new FastOrderBook(), EngineState.INITIAL);
            this.open = new OpenOrders(settings.commands() / 4);
            this.halfTarget = settings.targetOrders() / 2;
            this.fill = new CommandStream.Builder(4 * settings.targetOrders());
            this.measured = new CommandStream.Builder(settings.commands());
            this.users = new String[settings.users()];
            for (int i = 0; i < users.length; i++) {
                users[i] = ("u" + i).intern();
            }
        }

        OrderBookCommandMix run() {
            int step = 0;
            while (measured.size() < settings.commands()) {
                if (next()) {
                    step++;
                    if (step % BOOK_CHECK_INTERVAL == 0) {
                        seenBids = open.count(Side.BUY);
                        seenAsks = open.count(Side.SELL);
                        if (measuring) {
                            counter.sampleBook(engine.book());
                        }
                    }
                }
            }
            return new OrderBookCommandMix(settings, spec, fill.build(), measured.build(),
                    counter.finish(settings.seed(), fill.size(), measured.size(), settings.users()));
        }

        /** @return whether a command was generated (a step without an open order to target makes none) */
        private boolean next() {
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final int lack = halfTarget - (side == Side.BUY ? seenBids : seenAsks);
            final boolean grow = lack > 0;
            if (!grow) {
                // the first time a side is seen full, the fill prefix ends and this command is measured
                measuring = true;
            }
            final CommandStream.Builder out = measuring ? measured : fill;
            final boolean fillFast = !measuring || lack > Math.min(BOOK_CHECK_INTERVAL, halfTarget * 3 / 4);
            final int roll = random.nextInt(grow ? (fillFast ? 2 : 10) : 40);
            if (roll < 2) {
                final NewOrder order = grow ? limitOrder(side) : takerOrder(side);
                out.place(order);
                if (measuring) {
                    counter.placed(order);
                }
                engine.place(order, this);
                return true;
            }
            if (open.count() == 0) {
                return false;
            }
            final int number = open.oldest(random.nextInt(Math.min(open.count(), OLDEST_ORDERS_TARGETED)));
            final String orderId = orderId(number);
            final BookOrder target = engine.book().find(orderId);
            final String user = target.userId();
            if (roll == 2) {
                out.cancel(orderId, user);
                count(MixStatistics.Kind.CANCEL);
                engine.cancel(orderId, user, Reason.USER_CANCELLED, this);
            } else if (roll == 3) {
                final long remaining = target.remainingQuantityShares();
                final long reduction = 1 + random.nextLong(remaining);
                if (reduction < remaining) {
                    final long newQuantity = target.quantityShares() - reduction;
                    out.reduce(orderId, user, newQuantity);
                    count(MixStatistics.Kind.REDUCE);
                    engine.amend(orderId, user, NewOrder.NO_PRICE, newQuantity, this);
                } else {
                    out.cancel(orderId, user);
                    count(MixStatistics.Kind.REDUCE_TO_ZERO);
                    engine.cancel(orderId, user, Reason.USER_CANCELLED, this);
                }
            } else {
                final long newPrice = target.pricePaise() + moveTowardLastTrade(target.pricePaise());
                out.move(orderId, user, newPrice);
                count(MixStatistics.Kind.MOVE);
                engine.amend(orderId, user, newPrice, 0, this);
            }
            return true;
        }

        private void count(final MixStatistics.Kind kind) {
            if (measuring) {
                counter.count(kind);
            }
        }

        /** 1% of the gap to the last trade, rounded away from zero; a random tick when there is no gap. */
        private long moveTowardLastTrade(final long price) {
            final long gap = lastTradePrice - price;
            if (gap > 0) {
                return (gap + 99) / 100;
            }
            if (gap < 0) {
                return -((-gap + 99) / 100);
            }
            return random.nextBoolean() ? 1 : -1;
        }

        private NewOrder limitOrder(final Side side) {
            final long spread = 1 + (long) (Math.pow(random.nextDouble(), 2) * priceDeviation);
            long sum = 0;
            for (int i = 0; i < 4; i++) {
                sum += random.nextLong(spread);
            }
            final long offset = Math.abs(sum / 4 * 2 - spread);
            final long price = side == Side.BUY ? lastTradePrice - offset : lastTradePrice + offset;
            return new NewOrder(orderId(++orderNumber), user(), side, OrderType.LIMIT, TimeInForce.GTC, price, size(),
                    false, SelfTradePrevention.DECREMENT_AND_CANCEL);
        }

        /** An IOC (now and then a FOK) limited at the far edge of the price range: it takes what it can. */
        private NewOrder takerOrder(final Side side) {
            final TimeInForce tif = random.nextInt(FOK_ONE_IN) == 0 ? TimeInForce.FOK : TimeInForce.IOC;
            final long price = side == Side.BUY ? maxPrice : minPrice;
            return new NewOrder(orderId(++orderNumber), user(), side, OrderType.LIMIT, tif, price, size(), false,
                    SelfTradePrevention.DECREMENT_AND_CANCEL);
        }

        private long size() {
            return 1 + (long) random.nextInt(6) * random.nextInt(6) * random.nextInt(6);
        }

        private String user() {
            return users[random.nextInt(users.length)];
        }

        private static String orderId(final int number) {
            return "o" + number;
        }

        private static int number(final BookOrder order) {
            final String id = order.orderId();
            return Integer.parseInt(id, 1, id.length(), 10);
        }

        private void closed(final BookOrder order) {
            open.close(number(order), order.side());
        }

        @Override
        public void trade(final long tradeSequence, final BookOrder maker, final BookOrder taker, final long pricePaise,
                final long quantityShares) {
            lastTradePrice = Math.min(maxPrice, Math.max(minPrice, pricePaise));
            if (maker.remainingQuantityShares() == 0) {
                closed(maker);
            }
            if (taker.remainingQuantityShares() == 0) {
                closed(taker);
            }
            if (measuring) {
                counter.traded(quantityShares);
            }
        }

        @Override
        public void resting(final BookOrder order) {
            open.open(number(order), order.side());
        }

        @Override
        public void amended(final BookOrder order, final Reason reason) {
            if (reason == Reason.SELF_TRADE_PREVENTED && measuring) {
                counter.selfTradePrevented();
            }
        }

        @Override
        public void cancelled(final BookOrder order, final Reason reason) {
            closed(order);
            if (measuring) {
                counter.cancelled(reason);
            }
        }

        @Override
        public void expired(final BookOrder order) {
            closed(order);
        }

        @Override
        public void rejected(final NewOrder order, final Reason reason) {
            throw new IllegalStateException("generated order " + order + " was rejected: " + reason);
        }

        @Override
        public void cancelRejected(final String orderId, final String userId, final Reason reason) {
            throw new IllegalStateException("cancel of " + orderId + " was rejected: " + reason);
        }

        @Override
        public void amendRejected(final String orderId, final String userId, final Reason reason) {
            throw new IllegalStateException("amend of " + orderId + " was rejected: " + reason);
        }

        @Override
        public void levelChanged(final long bookSequence, final Side side, final long pricePaise, final long quantityShares,
                final int orderCount) {
        }

        @Override
        public void statusChanged(final TradingStatus status) {
            throw new IllegalStateException("the mix never changes the trading status");
        }
    }
}
