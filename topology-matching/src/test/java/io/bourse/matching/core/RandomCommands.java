package io.bourse.matching.core;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of realistic and hostile commands: limit and market orders of every time in
 * force and self-trade mode around a drifting mid price, cancels and amends of open and unknown
 * orders, off-tick prices, bad quantities, and now and then a halt, resume or session close.
 * Few users, so self-trade prevention happens often.
 */
public final class RandomCommands {

    public static final InstrumentSpec SPEC = new InstrumentSpec("TEST", 5, 1, 1, 10_000, 100_000, 2_000);

    private final SplittableRandom random;
    private final long spreadTicks;
    private final boolean deep;
    private long reference = NewOrder.NO_PRICE;
    private int restingOrdersToPlace;
    private long orderCounter;

    public RandomCommands(final long seed) {
        this(seed, 40, false);
    }

    private RandomCommands(final long seed, final long spreadTicks, final boolean deep) {
        this.random = new SplittableRandom(seed);
        this.spreadTicks = spreadTicks;
        this.deep = deep;
        this.restingOrdersToPlace = deep ? 3_000 : 0;
    }

    /**
     * The same command mix on a deep book: it starts with 3,000 GTC orders resting within 2,000
     * ticks of the mid, then limit prices spread as widely and nine in ten fall on their own side
     * of the mid, so each side holds hundreds of levels.
     */
    static RandomCommands deepBook(final long seed) {
        return new RandomCommands(seed, 2_000, true);
    }

    /**
     * The next command, choosing cancel and amend targets among {@code book}'s open orders, with prices
     * near the book's mid kept inside the band around the engine's reference (its last trade price): a
     * stray trade far from the mid moves the band, and orders priced off the old mid would all be
     * refused, so nothing would trade again.
     */
    public Command next(final OrderBook book, final EngineState state) {
        final TradingStatus status = state.status();
        reference = state.lastTradePricePaise();
        if (restingOrdersToPlace > 0) {
            restingOrdersToPlace--;
            return new Command.Place(restingOrder(book));
        }
        final int roll = random.nextInt(1000);
        if (status != TradingStatus.TRADING && roll < 150) {
            return new Command.Resume();
        }
        if (roll < 4) {
            return new Command.Halt();
        }
        if (roll < 7) {
            return new Command.CloseSession();
        }
        if (roll < 250) {
            final BookOrder target = randomOpenOrder(book);
            if (target == null || random.nextInt(20) == 0) {
                return new Command.Cancel("o" + random.nextLong(orderCounter + 2), user());
            }
            return new Command.Cancel(target.orderId(), random.nextInt(15) == 0 ? user() : target.userId());
        }
        if (roll < 450) {
            final BookOrder target = randomOpenOrder(book);
            if (target == null) {
                return new Command.Amend("o" + random.nextLong(orderCounter + 2), user(), price(book, Side.BUY), 0);
            }
            final String user = random.nextInt(15) == 0 ? user() : target.userId();
            return switch (random.nextInt(4)) {
                case 0 -> new Command.Amend(target.orderId(), user, NewOrder.NO_PRICE,
                        Math.max(1, target.quantityShares() - 1 - random.nextLong(target.quantityShares())));
                case 1 -> new Command.Amend(target.orderId(), user, NewOrder.NO_PRICE,
                        target.quantityShares() + 1 + random.nextLong(20));
                case 2 -> new Command.Amend(target.orderId(), user, price(book, target.side()), 0);
                default -> new Command.Amend(target.orderId(), user, price(book, target.side()), 1 + random.nextLong(60));
            };
        }
        return new Command.Place(newOrder(book));
    }

    private NewOrder restingOrder(final OrderBook book) {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long mid = midPrice(book, reference);
        final long ticks = 1 + random.nextLong(spreadTicks);
        final long price = mid + (side == Side.BUY ? -ticks : ticks) * SPEC.tickSizePaise();
        return new NewOrder("o" + (++orderCounter), user(), side, OrderType.LIMIT, TimeInForce.GTC,
                price / SPEC.tickSizePaise() * SPEC.tickSizePaise(), 1 + random.nextLong(50), false,
                SelfTradePrevention.CANCEL_NEWEST);
    }

    private NewOrder newOrder(final OrderBook book) {
        final String id = "o" + (++orderCounter);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final boolean market = random.nextInt(12) == 0;
        final TimeInForce tif = List.of(TimeInForce.GTC, TimeInForce.GTC, TimeInForce.GTC, TimeInForce.DAY,
                TimeInForce.IOC, TimeInForce.FOK).get(random.nextInt(6));
        final SelfTradePrevention stp = SelfTradePrevention.values()[random.nextInt(SelfTradePrevention.values().length)];
        long quantity = 1 + random.nextLong(50);
        if (random.nextInt(200) == 0) {
            quantity = random.nextBoolean() ? 0 : SPEC.maxQuantityShares() + 1;
        }
        long price = market ? NewOrder.NO_PRICE : price(book, side);
        if (!market && random.nextInt(150) == 0) {
            price += 2;
        }
        final boolean postOnly = !market && random.nextInt(10) == 0;
        final long cap = market && side == Side.BUY && random.nextBoolean() ? 1 + random.nextLong(30 * SPEC.basePricePaise()) : 0;
        return new NewOrder(id, user(), side, market ? OrderType.MARKET : OrderType.LIMIT, tif, price, quantity, postOnly, stp,
                cap);
    }

    /** A price on the tick grid near the current mid, occasionally far away (outside the band). */
    private long price(final OrderBook book, final Side side) {
        final long mid = midPrice(book, reference);
        final long spread = random.nextInt(100) == 0 ? 30_000 : spreadTicks;
        long ticks = random.nextLong(2 * spread + 1) - spread;
        if (deep && random.nextInt(10) != 0) {
            ticks = side == Side.BUY ? -Math.abs(ticks) : Math.abs(ticks);
        }
        final long price = mid + ticks * SPEC.tickSizePaise();
        return Math.max(SPEC.tickSizePaise(), price / SPEC.tickSizePaise() * SPEC.tickSizePaise());
    }

    private long midPrice(final OrderBook book, final long reference) {
        final long bid = book.bestPrice(Side.BUY);
        final long ask = book.bestPrice(Side.SELL);
        final long mid = bid != NewOrder.NO_PRICE && ask != NewOrder.NO_PRICE ? (bid + ask) / 2
                : bid != NewOrder.NO_PRICE ? bid : ask != NewOrder.NO_PRICE ? ask : SPEC.basePricePaise();
        if (reference == NewOrder.NO_PRICE) {
            return mid;
        }
        final long margin = spreadTicks * SPEC.tickSizePaise();
        final long low = SPEC.lowerBandPaise(reference) + margin;
        final long high = SPEC.upperBandPaise(reference) - margin;
        return low > high ? reference : Math.min(high, Math.max(low, mid));
    }

    private String user() {
        return "u" + random.nextInt(8);
    }

    private BookOrder randomOpenOrder(final OrderBook book) {
        if (book.orderCount() == 0) {
            return null;
        }
        final List<BookOrder> side = book.orders(random.nextBoolean() ? Side.BUY : Side.SELL);
        return side.isEmpty() ? null : side.get(random.nextInt(side.size()));
    }
}
