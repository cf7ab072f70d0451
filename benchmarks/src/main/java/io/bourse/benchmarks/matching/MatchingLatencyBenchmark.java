package io.bourse.benchmarks.matching;

import io.bourse.matching.core.FastOrderBook;
import io.bourse.matching.core.MatchingEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH's sampled time of one command of the {@link OrderBookCommandMix} stream on the fast book.
 * Single ~100 ns operations sit close to the timer's resolution, so read this next to
 * {@link MatchingLatency}, which times every command with HdrHistogram.
 *
 * <p>Commands run in stream order. When an engine reaches the end of the stream the next one,
 * primed with the fill prefix at the start of the iteration, takes over; only if the iteration
 * outlasts all of them is one primed inline, which shows as a single slow sample.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class MatchingLatencyBenchmark {

    private static final int SPARE_ENGINES = 8;

    @Param("20250101")
    long seed;

    private OrderBookCommandMix mix;
    private CommandStream commands;
    private final CountingListener listener = new CountingListener();
    private final MatchingEngine[] engines = new MatchingEngine[SPARE_ENGINES];
    private int nextEngine;
    private MatchingEngine engine;
    private int next;

    @Setup(Level.Trial)
    public void generate() {
        mix = OrderBookCommandMix.generate(OrderBookCommandMix.Settings.defaults(seed));
        commands = mix.commands();
        System.out.println();
        System.out.println("# seed " + seed);
        System.out.print(mix.statistics().describe());
        // tenure the stream so young collections do not copy the harness's own data
        System.gc();
    }

    @Setup(Level.Iteration)
    public void primeEngines() {
        for (int i = 0; i < engines.length; i++) {
            engines[i] = mix.primedEngine(new FastOrderBook(), listener);
        }
        nextEngine = 0;
        engine = takeEngine();
        next = 0;
    }

    @Benchmark
    public long command() {
        if (next == commands.size()) {
            engine = takeEngine();
            next = 0;
        }
        commands.apply(next++, engine, listener);
        return listener.checksum();
    }

    private MatchingEngine takeEngine() {
        if (nextEngine < engines.length) {
            final MatchingEngine taken = engines[nextEngine];
            engines[nextEngine++] = null;
            return taken;
        }
        return mix.primedEngine(new FastOrderBook(), listener);
    }
}
