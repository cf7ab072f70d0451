package io.bourse.matching.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.testing.Seeded;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the fast book under random command streams ({@link Seeded} prints a failing try's
 * seed; {@code -Dbourse.seed=...} replays it). Each try runs a few hundred commands and checks after
 * every command and at every event.
 */
class OrderBookPropertiesTest {

    private static final int COMMANDS = 400;
    private static final int TRIES = 200;

    @Test
    void bookIsNeverCrossedAtRest() {
        Seeded.check(TRIES, Seeded.longs(), seed -> {
            final Run run = new Run(seed);
            run.execute(() -> {
                final long bid = run.engine.book().bestPrice(Side.BUY);
                final long ask = run.engine.book().bestPrice(Side.SELL);
                if (bid != NewOrder.NO_PRICE && ask != NewOrder.NO_PRICE) {
                    assertThat(bid).as("best bid below best ask").isLessThan(ask);
                }
            });
        });
    }

    @Test
    void everyOrderedShareIsFilledRestingOrCancelled() {
        Seeded.check(TRIES, Seeded.longs(), seed -> {
            final Run run = new Run(seed);
            run.execute(() -> { });
            for (final Map.Entry<String, long[]> order : run.ledger.entrySet()) {
                final long[] q = order.getValue();
                final var open = run.engine.book().find(order.getKey());
                final long resting = open == null ? 0 : open.remainingQuantityShares();
                assertThat(q[0]).as("order %s: ordered = filled + resting + cancelled", order.getKey())
                        .isEqualTo(q[1] + resting + q[2]);
            }
        });
    }

    @Test
    void makersTradeInPriceTimePriorityAndNeverWithTheirOwnUser() {
        Seeded.check(TRIES, Seeded.longs(), seed -> {
            final Run run = new Run(seed);
            run.execute(() -> { });
            assertThat(run.priorityViolations).isEmpty();
            assertThat(run.selfTrades).isZero();
        });
    }

    @Test
    void fokOrdersFillCompletelyOrNotAtAllAndMarketAndIocOrdersNeverRest() {
        Seeded.check(TRIES, Seeded.longs(), seed -> {
            final Run run = new Run(seed);
            run.execute(() -> { });
            for (final Map.Entry<String, NewOrder> placed : run.placed.entrySet()) {
                final NewOrder order = placed.getValue();
                final long filled = run.ledger.getOrDefault(order.orderId(), new long[3])[1];
                if (order.timeInForce() == TimeInForce.FOK) {
                    assertThat(filled).as("FOK %s", order.orderId()).isIn(0L, order.quantityShares());
                }
                if (order.type() == OrderType.MARKET || order.timeInForce() == TimeInForce.IOC
                        || order.timeInForce() == TimeInForce.FOK) {
                    assertThat(run.engine.book().find(order.orderId())).as("%s rests", order.orderId()).isNull();
                }
            }
        });
    }

    /** One random session with bookkeeping kept from the events alone. */
    private static final class Run implements MatchingListener {
        private final MatchingEngine engine = new MatchingEngine(RandomCommands.SPEC, new FastOrderBook(), EngineState.INITIAL);
        private final RandomCommands commands;
        /** orderId → {ordered, filled (summed from trades), cancelled (as last reported)}. */
        private final Map<String, long[]> ledger = new HashMap<>();
        private final Map<String, NewOrder> placed = new HashMap<>();
        private final List<String> priorityViolations = new java.util.ArrayList<>();
        private int selfTrades;

        Run(final long seed) {
            this.commands = new RandomCommands(seed);
        }

        void execute(final Runnable afterEachCommand) {
            for (int i = 0; i < COMMANDS; i++) {
                final Command command = commands.next(engine.book(), engine.state());
                if (command instanceof Command.Place place) {
                    placed.put(place.order().orderId(), place.order());
                }
                command.applyTo(engine, this);
                afterEachCommand.run();
            }
        }

        private long[] entry(final BookOrder order) {
            final long[] q = ledger.computeIfAbsent(order.orderId(), id -> new long[3]);
            q[0] = order.quantityShares();
            q[2] = order.cancelledQuantityShares();
            return q;
        }

        @Override
        public void trade(final long tradeSequence, final BookOrder maker, final BookOrder taker, final long pricePaise,
                final long quantityShares) {
            if (maker.userId().equals(taker.userId())) {
                selfTrades++;
            }
            final List<BookOrder> queue = engine.book().orders(maker.side());
            if (queue.isEmpty() || !queue.get(0).orderId().equals(maker.orderId())) {
                priorityViolations.add("trade " + tradeSequence + " hit " + maker.orderId() + " ahead of "
                        + (queue.isEmpty() ? "nothing" : queue.get(0).orderId()));
            }
            entry(maker)[1] += quantityShares;
            entry(taker)[1] += quantityShares;
        }

        @Override
        public void resting(final BookOrder order) {
            entry(order);
        }

        @Override
        public void amended(final BookOrder order, final Reason reason) {
            entry(order)[2] = order.cancelledQuantityShares();
        }

        @Override
        public void cancelled(final BookOrder order, final Reason reason) {
            entry(order)[2] = order.cancelledQuantityShares();
        }

        @Override
        public void expired(final BookOrder order) {
            entry(order)[2] = order.cancelledQuantityShares();
        }

        @Override
        public void rejected(final NewOrder order, final Reason reason) {
            placed.remove(order.orderId());
        }

        @Override
        public void cancelRejected(final String orderId, final String userId, final Reason reason) {
        }

        @Override
        public void amendRejected(final String orderId, final String userId, final Reason reason) {
        }

        @Override
        public void levelChanged(final long bookSequence, final Side side, final long pricePaise, final long quantityShares,
                final int orderCount) {
        }
    }
}
