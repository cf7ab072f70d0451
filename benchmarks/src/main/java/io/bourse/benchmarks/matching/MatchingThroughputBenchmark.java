package io.bourse.benchmarks.matching;

import io.bourse.matching.core.FastOrderBook;
import io.bourse.matching.core.MatchingEngine;
import io.bourse.matching.core.NaiveOrderBook;
import io.bourse.matching.core.OrderBook;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commands per second of one {@link MatchingEngine}, single thread, over the whole pre-generated
 * {@link OrderBookCommandMix} stream. Each invocation replays the stream on a fresh engine whose
 * book was filled by the fill prefix outside the timed region; the score is commands/s.
 *
 * <p>The naive reference book scans every open order on each lookup, so it gets the first
 * {@value #NAIVE_COMMANDS} commands of the same stream instead of all 3M.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MatchingThroughputBenchmark {

    static final int FAST_COMMANDS = OrderBookCommandMix.DEFAULT_COMMANDS;
    static final int NAIVE_COMMANDS = 300_000;

    /** One generated stream and a fresh engine per invocation. */
    @State(Scope.Thread)
    public abstract static class Replay {
        @Param("20250101")
        long seed;

        OrderBookCommandMix mix;
        CommandStream commands;
        MatchingEngine engine;
        final CountingListener listener = new CountingListener();
        private long expectedTrades = -1;

        abstract OrderBook newBook();

        abstract int commandCount();

        @Setup(Level.Trial)
        public void generate() {
            mix = OrderBookCommandMix.generate(OrderBookCommandMix.Settings.defaults(seed));
            commands = mix.commands().head(commandCount());
            System.out.println();
            System.out.println("# seed " + seed + ", replaying " + commands.size() + " commands");
            System.out.print(mix.statistics().describe());
            // tenure the stream so young collections do not copy the harness's own data
            System.gc();
        }

        @Setup(Level.Invocation)
        public void freshEngine() {
            engine = mix.primedEngine(newBook(), listener);
            listener.reset();
        }

        /** Every replay must do the same work: no rejections, the same trades. */
        @TearDown(Level.Invocation)
        public void check() {
            if (listener.refused() != 0) {
                throw new IllegalStateException(listener.refused() + " commands were refused: the stream is broken");
            }
            if (expectedTrades < 0) {
                expectedTrades = listener.trades();
            } else if (listener.trades() != expectedTrades) {
                throw new IllegalStateException("replay traded " + listener.trades() + " times, first replay " + expectedTrades);
            }
        }
    }

    @State(Scope.Thread)
    public static class Fast extends Replay {
        @Override
        OrderBook newBook() {
            return new FastOrderBook();
        }

        @Override
        int commandCount() {
            return FAST_COMMANDS;
        }
    }

    @State(Scope.Thread)
    public static class Naive extends Replay {
        @Override
        OrderBook newBook() {
            return new NaiveOrderBook();
        }

        @Override
        int commandCount() {
            return NAIVE_COMMANDS;
        }
    }

    @Benchmark
    @OperationsPerInvocation(FAST_COMMANDS)
    public long fastBook(final Fast state) {
        return replay(state);
    }

    @Benchmark
    @OperationsPerInvocation(NAIVE_COMMANDS)
    public long naiveBook(final Naive state) {
        return replay(state);
    }

    private static long replay(final Replay state) {
        state.commands.applyAll(state.engine, state.listener);
        return state.listener.checksum();
    }
}
