package io.bourse.matching.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.matching.BookUpdate;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.RestingOrderSnapshot;
import io.bourse.avro.matching.Trade;
import io.bourse.matching.core.BookOrder;
import io.bourse.matching.core.Command;
import io.bourse.matching.core.EngineState;
import io.bourse.matching.core.MatchingEngine;
import io.bourse.matching.core.MatchingListener;
import io.bourse.matching.core.NaiveOrderBook;
import io.bourse.matching.core.NewOrder;
import io.bourse.matching.core.RandomCommands;
import io.bourse.matching.core.Reason;
import io.bourse.matching.core.Side;
import io.bourse.schemas.catalogue.MatchingNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays seeded random command streams through the topology. A run interrupted halfway and
 * resumed by a fresh processor from the stores alone (what a restart, a rebalance or an aborted
 * transaction leaves) produces exactly the outputs of an uninterrupted run, and the store always
 * equals the naive reference book. Commands come out of timestamp order, as from several user
 * partitions, so the outputs' times depend on the symbol's stored clock. Replay a failure with {@code -Dbourse.seed=...}.
 */
class MatchingReplayTest {

    private static final String SYMBOL = "TEST";
    private static final int COMMANDS = 3_000;
    /** Commands come up to this much out of timestamp order: the symbol's clock must resume from the store too. */
    private static final int SKEW_MS = 500;

    @TempDir
    Path tmp;

    @Test
    void shouldResumeFromTheStoresAloneWithIdenticalOutputs() {
        final long seed = seed("shouldResumeFromTheStoresAloneWithIdenticalOutputs");
        final List<Command> commands = generate(seed, null);

        final Outputs uninterrupted;
        final List<KeyValue<String, ?>> finalOrders;
        try (MatchingDriver a = new MatchingDriver(tmp.resolve("a"))) {
            a.addInstrument(instrument());
            a.skewTimestamps(seed, SKEW_MS);
            commands.forEach(c -> a.send(SYMBOL, c));
            uninterrupted = Outputs.drain(a);
            finalOrders = MatchingTopologyTest.contents(a.driver.getKeyValueStore(MatchingNames.RESTING_ORDERS.name()));
        }

        final Outputs firstHalf;
        final List<KeyValue<String, ?>> orders;
        final List<KeyValue<String, ?>> symbols;
        final MatchingDriver b = new MatchingDriver(tmp.resolve("b"));
        b.addInstrument(instrument());
        b.skewTimestamps(seed, SKEW_MS);
        commands.subList(0, COMMANDS / 2).forEach(c -> b.send(SYMBOL, c));
        firstHalf = Outputs.drain(b);
        orders = MatchingTopologyTest.contents(b.driver.getKeyValueStore(MatchingNames.RESTING_ORDERS.name()));
        symbols = MatchingTopologyTest.contents(b.driver.getKeyValueStore(MatchingNames.SYMBOLS.name()));
        b.close();

        try (MatchingDriver c = new MatchingDriver(tmp.resolve("c"))) {
            c.continueFrom(b);
            prefill(c.driver.getKeyValueStore(MatchingNames.RESTING_ORDERS.name()), orders);
            prefill(c.driver.getKeyValueStore(MatchingNames.SYMBOLS.name()), symbols);
            commands.subList(COMMANDS / 2, COMMANDS).forEach(cmd -> c.send(SYMBOL, cmd));
            final Outputs secondHalf = Outputs.drain(c);

            assertThat(firstHalf.plus(secondHalf)).as("seed %d", seed).isEqualTo(uninterrupted);
            assertThat(MatchingTopologyTest.contents(c.driver.getKeyValueStore(MatchingNames.RESTING_ORDERS.name())))
                    .as("seed %d", seed).isEqualTo(finalOrders);
            assertThat(uninterrupted.trades).as("the stream must trade").hasSizeGreaterThan(COMMANDS / 20);
        }
    }

    @Test
    void shouldKeepTheStoreEqualToTheReferenceBook() {
        final long seed = seed("shouldKeepTheStoreEqualToTheReferenceBook");
        final MatchingEngine reference = new MatchingEngine(RandomCommands.SPEC, new NaiveOrderBook(), EngineState.INITIAL);
        try (MatchingDriver m = new MatchingDriver(tmp.resolve("m"))) {
            m.addInstrument(instrument());
            final KeyValueStore<String, RestingOrderSnapshot> store = m.driver.getKeyValueStore(MatchingNames.RESTING_ORDERS.name());
            final RandomCommands random = new RandomCommands(seed);
            for (int i = 0; i < COMMANDS; i++) {
                final Command command = random.next(reference.book(), reference.state());
                command.applyTo(reference, IGNORE);
                m.send(SYMBOL, command);
                if (i % 100 == 0 || i == COMMANDS - 1) {
                    assertThat(stored(store)).as("seed %d, after command %d", seed, i).isEqualTo(expected(reference));
                }
            }
        }
    }

    private static List<String> stored(final KeyValueStore<String, RestingOrderSnapshot> store) {
        return MatchingQueries.openOrders(store, SYMBOL).stream()
                .map(o -> o.getOrderId() + " " + o.getUserId() + " " + o.getSide() + " " + o.getPricePaise() + " q="
                        + o.getQuantityShares() + " f=" + o.getFilledQuantityShares() + " c=" + o.getCancelledQuantityShares()
                        + " seq=" + o.getArrivalSequence())
                .toList();
    }

    private static List<String> expected(final MatchingEngine reference) {
        return Stream.of(Side.BUY, Side.SELL).flatMap(side -> reference.book().orders(side).stream())
                .map(o -> o.orderId() + " " + o.userId() + " " + o.side() + " " + o.pricePaise() + " q=" + o.quantityShares()
                        + " f=" + o.filledQuantityShares() + " c=" + o.cancelledQuantityShares() + " seq=" + o.arrivalSequence())
                .toList();
    }

    private static long seed(final String test) {
        final long seed = Long.getLong("bourse.seed", System.nanoTime());
        System.out.println(test + " seed=" + seed + " (replay with -Dbourse.seed=" + seed + ")");
        return seed;
    }

    private static List<Command> generate(final long seed, final MatchingListener listener) {
        final MatchingEngine engine = new MatchingEngine(RandomCommands.SPEC, new NaiveOrderBook(), EngineState.INITIAL);
        final RandomCommands random = new RandomCommands(seed);
        final List<Command> commands = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            final Command command = random.next(engine.book(), engine.state());
            command.applyTo(engine, listener == null ? IGNORE : listener);
            commands.add(command);
        }
        return commands;
    }

    private static Instrument instrument() {
        return Instrument.newBuilder(MatchingDriver.instrument(SYMBOL, RandomCommands.SPEC.basePricePaise()))
                .setTickSizePaise(RandomCommands.SPEC.tickSizePaise())
                .setLotSizeShares(RandomCommands.SPEC.lotSizeShares())
                .setMinQuantityShares(RandomCommands.SPEC.minQuantityShares())
                .setMaxQuantityShares(RandomCommands.SPEC.maxQuantityShares())
                .setPriceBandBasisPoints(RandomCommands.SPEC.priceBandBasisPoints())
                .build();
    }

    @SuppressWarnings("unchecked")
    private static <V> void prefill(final KeyValueStore<String, V> store, final List<KeyValue<String, ?>> entries) {
        entries.forEach(e -> store.put(e.key, (V) e.value));
    }

    /** Everything the topology wrote, in order. */
    private record Outputs(List<MatchingResult> results, List<Trade> trades, List<BookUpdate> updates, List<Instrument> instruments) {
        static Outputs drain(final MatchingDriver m) {
            return new Outputs(m.results.readValuesToList(), m.trades.readValuesToList(), m.bookUpdates.readValuesToList(),
                    m.instruments.readValuesToList());
        }

        Outputs plus(final Outputs later) {
            return new Outputs(concat(results, later.results), concat(trades, later.trades), concat(updates, later.updates),
                    concat(instruments, later.instruments));
        }

        private static <T> List<T> concat(final List<T> a, final List<T> b) {
            final List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    private static final MatchingListener IGNORE = new MatchingListener() {
        @Override
        public void trade(final long s, final BookOrder maker, final BookOrder taker, final long p, final long q) {
        }

        @Override
        public void resting(final BookOrder order) {
        }

        @Override
        public void amended(final BookOrder order, final Reason reason) {
        }

        @Override
        public void cancelled(final BookOrder order, final Reason reason) {
        }

        @Override
        public void expired(final BookOrder order) {
        }

        @Override
        public void rejected(final NewOrder order, final Reason reason) {
        }

        @Override
        public void cancelRejected(final String orderId, final String userId, final Reason reason) {
        }

        @Override
        public void amendRejected(final String orderId, final String userId, final Reason reason) {
        }

        @Override
        public void levelChanged(final long seq, final Side side, final long price, final long qty, final int count) {
        }
    };
}
