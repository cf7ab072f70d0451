package io.bourse.benchmarks.matching;

import io.bourse.matching.core.FastOrderBook;
import io.bourse.matching.core.MatchingEngine;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Per-command latency of the fast book on the {@link OrderBookCommandMix} stream: System.nanoTime
 * around every command, recorded in an HdrHistogram. Warm-up passes run the very same timed loop
 * so the JIT has compiled it before the measured passes start. Each pass replays the whole stream
 * on a fresh engine primed with the fill prefix.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.bourse.benchmarks.matching.MatchingLatency
 *     [--seed N] [--commands N] [--warmups N] [--passes N]</pre>
 */
public final class MatchingLatency {

    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private MatchingLatency() {
    }

    public static void main(final String[] args) {
        long seed = OrderBookCommandMix.DEFAULT_SEED;
        int commands = OrderBookCommandMix.DEFAULT_COMMANDS;
        int warmups = 5;
        int passes = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--commands" -> commands = Integer.parseInt(args[i + 1]);
                case "--warmups" -> warmups = Integer.parseInt(args[i + 1]);
                case "--passes" -> passes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        final long start = System.nanoTime();
        final OrderBookCommandMix mix = OrderBookCommandMix.generate(OrderBookCommandMix.Settings.defaults(seed).withCommands(commands));
        System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.print(mix.statistics().describe());
        // Tenure the stream now: otherwise young collections during the passes copy its ~200 MB,
        // a pause the benchmark's own data would cause, not the engine.
        System.gc();

        final Histogram timer = timerOverhead();
        System.out.printf(Locale.ROOT, "System.nanoTime() back to back: p50 %d ns, p99 %d ns (included in every figure below)%n",
                timer.getValueAtPercentile(50), timer.getValueAtPercentile(99));

        final Histogram scratch = new Histogram(HIGHEST_NANOS, 3);
        for (int i = 0; i < warmups; i++) {
            scratch.reset();
            final double rate = timedPass(mix, scratch);
            System.out.printf(Locale.ROOT, "warm-up %d: %,.0f commands/s, p99 %,d ns%n", i + 1, rate,
                    scratch.getValueAtPercentile(99));
        }
        final Histogram all = new Histogram(HIGHEST_NANOS, 3);
        for (int i = 0; i < passes; i++) {
            final Histogram pass = new Histogram(HIGHEST_NANOS, 3);
            final long[] gcBefore = gcCountAndMillis();
            final double rate = timedPass(mix, pass);
            final long[] gcAfter = gcCountAndMillis();
            System.out.printf(Locale.ROOT, "pass %d: %,.0f commands/s timed, %s; %d GCs, %d ms%n", i + 1, rate, percentiles(pass),
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
            all.add(pass);
        }
        System.out.printf(Locale.ROOT, "all %d passes (%,d commands): %s%n", passes, all.getTotalCount(), percentiles(all));
        System.out.printf(Locale.ROOT, "commands over 5 us: %,d (%.4f%%); mean %.0f ns%n", all.getCountBetweenValues(5_001, HIGHEST_NANOS),
                100.0 * all.getCountBetweenValues(5_001, HIGHEST_NANOS) / all.getTotalCount(), all.getMean());
    }

    /** Replays the stream on a fresh engine, timing each command; returns commands/s including the timing. */
    private static double timedPass(final OrderBookCommandMix mix, final Histogram histogram) {
        final CountingListener listener = new CountingListener();
        final MatchingEngine engine = mix.primedEngine(new FastOrderBook(), listener);
        listener.reset();
        final CommandStream commands = mix.commands();
        final int size = commands.size();
        final long passStart = System.nanoTime();
        for (int i = 0; i < size; i++) {
            final long t0 = System.nanoTime();
            commands.apply(i, engine, listener);
            histogram.recordValue(System.nanoTime() - t0);
        }
        final long elapsed = System.nanoTime() - passStart;
        if (listener.refused() != 0) {
            throw new IllegalStateException(listener.refused() + " commands were refused: the stream is broken");
        }
        return size * 1e9 / elapsed;
    }

    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static Histogram timerOverhead() {
        final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        for (int i = 0; i < 1_000_000; i++) {
            final long t0 = System.nanoTime();
            histogram.recordValue(System.nanoTime() - t0);
        }
        return histogram;
    }

    private static String percentiles(final Histogram h) {
        return String.format(Locale.ROOT, "p50 %,d ns, p90 %,d ns, p99 %,d ns, p99.9 %,d ns, p99.99 %,d ns, max %,d ns",
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue());
    }
}
