package io.bourse.matching.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast book against the naive reference on 100,000 seeded random commands near the mid, and
 * on 20,000 over a deep book of hundreds of levels a side: every event of every command and the
 * final depth must be identical. Replay a failure with its printed seed ({@code -Dbourse.seed=...}).
 */
class DifferentialOrderBookTest {

    private static final int COMMANDS = 100_000;

    @Test
    void shouldProduceExactlyTheReferenceBooksEventsAndDepth() {
        final long seed = seed("near the mid");
        compareWithReference(seed, new RandomCommands(seed), COMMANDS, 0);
    }

    /** Hundreds of levels a side, so the fast book's level index grows and removes from long probe runs. */
    @Test
    void shouldProduceExactlyTheReferenceBooksEventsOnADeepBook() {
        final long seed = seed("deep book");
        compareWithReference(seed, RandomCommands.deepBook(seed), COMMANDS / 5, 200);
    }

    private static long seed(final String variant) {
        final long seed = Long.getLong("bourse.seed", System.nanoTime());
        System.out.println("DifferentialOrderBookTest (" + variant + ") seed=" + seed + " (replay with -Dbourse.seed=" + seed + ")");
        return seed;
    }

    private static void compareWithReference(final long seed, final RandomCommands commands, final int commandCount,
            final int minimumBidLevels) {
        final MatchingEngine reference = new MatchingEngine(RandomCommands.SPEC, new NaiveOrderBook(), EngineState.INITIAL);
        final MatchingEngine fast = new MatchingEngine(RandomCommands.SPEC, new FastOrderBook(), EngineState.INITIAL);
        final RecordingListener referenceOut = new RecordingListener();
        final RecordingListener fastOut = new RecordingListener();
        long trades = 0;
        int mostLevels = 0;
        for (int i = 0; i < commandCount; i++) {
            final Command command = commands.next(reference.book(), reference.state());
            command.applyTo(reference, referenceOut);
            command.applyTo(fast, fastOut);
            final List<String> expected = referenceOut.drain();
            assertThat(fastOut.drain()).as("seed %d, command %d: %s", seed, i, command).isEqualTo(expected);
            trades += expected.stream().filter(e -> e.startsWith("TRADE")).count();
            if (i % 1_000 == 0) {
                mostLevels = Math.max(mostLevels, depth(fast.book(), Side.BUY).size());
            }
        }
        assertThat(mostLevels).as("seed %d: most bid levels", seed).isGreaterThanOrEqualTo(minimumBidLevels);
        for (final Side side : Side.values()) {
            assertThat(depth(fast.book(), side)).as("seed %d: final %s depth", seed, side).isEqualTo(depth(reference.book(), side));
            assertThat(fast.book().orders(side)).extracting(RecordingListener::describe).as("seed %d: %s orders", seed, side)
                    .isEqualTo(reference.book().orders(side).stream().map(RecordingListener::describe).toList());
        }
        assertThat(fast.state()).isEqualTo(reference.state());
        assertThat(trades).as("the command mix must actually trade").isGreaterThan(commandCount / 100);
    }

    private static List<String> depth(final OrderBook book, final Side side) {
        final List<String> levels = new ArrayList<>();
        book.forEachLevel(side, Integer.MAX_VALUE, (price, quantity, count) -> levels.add(price + ":" + quantity + "/" + count));
        return levels;
    }
}
