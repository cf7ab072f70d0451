package io.bourse.benchmarks.matching;

import io.bourse.matching.core.NewOrder;
import io.bourse.matching.core.OrderBook;
import io.bourse.matching.core.Reason;
import io.bourse.matching.core.Side;
import io.bourse.matching.core.TimeInForce;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a generated stream's measured commands actually were, and what the book looked like while
 * they ran (sampled every {@value OrderBookCommandMix#BOOK_CHECK_INTERVAL} commands).
 *
 * @param kinds commands by kind
 * @param meanOrderSizeShares mean quantity of the new orders (GTC, IOC and FOK)
 * @param meanRestingOrders mean open orders per side
 * @param meanLevels mean price levels per side
 * @param meanSpreadTicks mean best ask minus best bid, in ticks, when both sides have orders
 */
public record MixStatistics(long seed, int fillCommands, int commands, int users, Map<Kind, Long> kinds,
        double meanOrderSizeShares, long trades, long tradedShares, long iocRemaindersCancelled, long fokNotFillable,
        long selfTradePrevented, Map<Side, Double> meanRestingOrders, Map<Side, Double> meanLevels,
        double meanSpreadTicks, long bookSamples) {

    /** Kinds of measured command. */
    public enum Kind {
        GTC("new GTC limit"),
        IOC("IOC"),
        FOK("FOK"),
        MOVE("price amendment (move)"),
        REDUCE("quantity reduction (amend)"),
        REDUCE_TO_ZERO("reduction of all that is open (sent as cancel)"),
        CANCEL("cancel");

        private final String label;

        Kind(final String label) {
            this.label = label;
        }
    }

    public long count(final Kind kind) {
        return kinds.getOrDefault(kind, 0L);
    }

    public double percent(final Kind kind) {
        return 100.0 * count(kind) / commands;
    }

    /** A multi-line report, the figures docs/benchmarks.md quotes. */
    public String describe() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "seed %d: %,d measured commands after a fill prefix of %,d, %,d users%n",
                seed, commands, fillCommands, users));
        for (final Kind kind : Kind.values()) {
            out.append(String.format(Locale.ROOT, "  %-48s %,10d  %6.2f%%%n", kind.label, count(kind), percent(kind)));
        }
        out.append(String.format(Locale.ROOT, "  mean new-order size %.2f shares; %,d trades (%,d shares)%n",
                meanOrderSizeShares, trades, tradedShares));
        out.append(String.format(Locale.ROOT, "  IOC remainders cancelled %,d; FOK not fillable %,d; self-trades prevented %,d%n",
                iocRemaindersCancelled, fokNotFillable, selfTradePrevented));
        out.append(String.format(Locale.ROOT,
                "  book (mean of %,d samples): %.0f bids on %.0f levels, %.0f asks on %.0f levels, spread %.2f ticks%n",
                bookSamples, meanRestingOrders.get(Side.BUY), meanLevels.get(Side.BUY), meanRestingOrders.get(Side.SELL),
                meanLevels.get(Side.SELL), meanSpreadTicks));
        return out.toString();
    }

    /** Accumulates the figures while the generator runs. */
    static final class Counter {
        private final Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
        private long orders;
        private long orderShares;
        private long trades;
        private long tradedShares;
        private long iocRemainders;
        private long fokNotFillable;
        private long selfTradePrevented;
        private final long[] restingOrders = new long[2];
        private final long[] levels = new long[2];
        private long spreadTicks;
        private long spreadSamples;
        private long samples;

        void count(final Kind kind) {
            kinds.merge(kind, 1L, Long::sum);
        }

        void placed(final NewOrder order) {
            count(order.timeInForce() == TimeInForce.GTC ? Kind.GTC : order.timeInForce() == TimeInForce.IOC ? Kind.IOC : Kind.FOK);
            orders++;
            orderShares += order.quantityShares();
        }

        void traded(final long quantityShares) {
            trades++;
            tradedShares += quantityShares;
        }

        void cancelled(final Reason reason) {
            switch (reason) {
                case IOC_REMAINDER_CANCELLED -> iocRemainders++;
                case FOK_NOT_FILLABLE -> fokNotFillable++;
                case SELF_TRADE_PREVENTED -> selfTradePrevented++;
                default -> {
                }
            }
        }

        void selfTradePrevented() {
            selfTradePrevented++;
        }

        void sampleBook(final OrderBook book) {
            samples++;
            for (final Side side : Side.values()) {
                final int index = side.ordinal();
                book.forEachLevel(side, Integer.MAX_VALUE, (price, quantity, count) -> {
                    levels[index]++;
                    restingOrders[index] += count;
                });
            }
            final long bid = book.bestPrice(Side.BUY);
            final long ask = book.bestPrice(Side.SELL);
            if (bid != NewOrder.NO_PRICE && ask != NewOrder.NO_PRICE) {
                spreadTicks += ask - bid;
                spreadSamples++;
            }
        }

        MixStatistics finish(final long seed, final int fillCommands, final int commands, final int users) {
            final Map<Side, Double> meanOrders = new EnumMap<>(Side.class);
            final Map<Side, Double> meanLevels = new EnumMap<>(Side.class);
            for (final Side side : Side.values()) {
                meanOrders.put(side, samples == 0 ? 0 : (double) restingOrders[side.ordinal()] / samples);
                meanLevels.put(side, samples == 0 ? 0 : (double) levels[side.ordinal()] / samples);
            }
            return new MixStatistics(seed, fillCommands, commands, users, Map.copyOf(kinds),
                    orders == 0 ? 0 : (double) orderShares / orders, trades, tradedShares, iocRemainders, fokNotFillable,
                    selfTradePrevented, Map.copyOf(meanOrders), Map.copyOf(meanLevels),
                    spreadSamples == 0 ? 0 : (double) spreadTicks / spreadSamples, samples);
        }
    }
}
