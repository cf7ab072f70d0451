package io.bourse.tools.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The exchange beside its physical baseline, rate by rate: each p99 of the order path against the
 * relay's p99 over the same number of exactly-once stages (place → verdict and place → the trader's
 * own fill against two stages, the settled fill against three), the ratios, and the exchange's
 * throughput as a share of the relay's. The relay runs on the same machine, broker and settings in
 * the same run, so the ratios hold where absolute figures do not.
 */
final class BaselineComparison {

    private BaselineComparison() {
    }

    /**
     * The exchange's figures of one step that the comparison needs; latencies in microseconds, a
     * figure the generator does not measure is {@code null}.
     *
     * @param verdict place → the exchange's verdict (two stages: portfolio, matching)
     * @param fill taker place → its own fill as the trader first sees it (two stages)
     * @param settledFill taker place → its settled fill (three stages: portfolio, matching, portfolio)
     */
    record ExchangeStep(int offeredPerSecond, double achievedPerSecond, Histogram verdict, Histogram fill, Histogram settledFill,
            double cpuMicrosPerCommand) {

        /** From one of the load generator's steps. */
        static ExchangeStep of(final LoadGenerator.StepResult step) {
            return new ExchangeStep(step.offeredPerSecond(), step.achievedPerSecond(), step.verdict(), step.firstFill(),
                    step.settledFill(), step.cpuMicrosPerCommand());
        }
    }

    /**
     * One rate of the comparison; a ratio is NaN where either side has no figure.
     *
     * @param verdictRatio the exchange's p99 place → verdict over the relay's two-stage p99
     * @param fillRatio the exchange's p99 place → fill over the relay's two-stage p99
     * @param settledRatio the exchange's p99 settled fill over the relay's three-stage p99
     * @param throughputShare the exchange's answered commands/s over the relay's answered records/s
     * @param cpuRatio the node's CPU per command over the relay's per record (its stages' and the broker's)
     */
    record Row(int offeredPerSecond, double verdictRatio, double fillRatio, double settledRatio, double throughputShare,
            double cpuRatio) {
    }

    /** Prints the exchange's steps beside the relay's of the same rate, and the two saturation points; returns the rows. */
    static List<Row> print(final List<ExchangeStep> exchange, final List<BaselineRelay.RelayStep> relay) {
        final List<Row> rows = new ArrayList<>();
        System.out.println("exchange vs relay baseline (p99; ratio = exchange / relay over the same number of exactly-once stages)");
        for (final ExchangeStep e : exchange) {
            final Optional<BaselineRelay.RelayStep> same = relay.stream().filter(r -> r.offeredPerSecond() == e.offeredPerSecond())
                    .findFirst();
            if (same.isEmpty()) {
                System.out.printf("  at %d/s: the relay did not run this rate%n", e.offeredPerSecond());
                continue;
            }
            final BaselineRelay.RelayStep r = same.get();
            System.out.printf("  at %d/s offered%n", e.offeredPerSecond());
            final Row row = new Row(e.offeredPerSecond(), side("place -> verdict", e.verdict(), r.answer(), 2),
                    side("place -> fill", e.fill(), r.answer(), 2), side("settled fill", e.settledFill(), r.settle(), 3),
                    e.achievedPerSecond() / r.answeredPerSecond(), e.cpuMicrosPerCommand() / r.cpuMicrosPerRecord());
            System.out.printf(Locale.ROOT, "    %-16s exchange %8.0f/s   relay %10.0f/s   the exchange carries %.0f %% of the relay's%n",
                    "answered", e.achievedPerSecond(), r.answeredPerSecond(), row.throughputShare() * 100);
            System.out.printf(Locale.ROOT, "    %-16s exchange %6.3f ms per command   relay %6.3f ms per record (3 stages and broker)   %.2fx%n",
                    "CPU", e.cpuMicrosPerCommand() / 1e3, r.cpuMicrosPerRecord() / 1e3, row.cpuRatio());
            rows.add(row);
        }
        final double exchangeMost = exchange.stream().mapToDouble(ExchangeStep::achievedPerSecond).max().orElse(Double.NaN);
        final double relayMost = relay.stream().mapToDouble(BaselineRelay.RelayStep::answeredPerSecond).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "  saturation: the exchange answered at most %.0f commands/s, the relay %.0f records/s: "
                + "%.0f %% of the relay's (meaningful when both ran past their saturation point)%n", exchangeMost, relayMost,
                exchangeMost / relayMost * 100);
        return rows;
    }

    /** Prints one latency beside the relay's and returns their ratio of p99s. */
    private static double side(final String what, final Histogram exchange, final Histogram relay, final int stages) {
        final double ratio = p99(exchange) / p99(relay);
        System.out.printf(Locale.ROOT, "    %-16s exchange %s   relay %d stages %s   %s%n", what, ms(exchange), stages, ms(relay),
                Double.isNaN(ratio) ? "(not measured)" : String.format(Locale.ROOT, "%.2fx", ratio));
        return ratio;
    }

    private static double p99(final Histogram h) {
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1e3;
    }

    private static String ms(final Histogram h) {
        final double p99 = p99(h);
        return Double.isNaN(p99) ? String.format("%10s", "n/a") : String.format(Locale.ROOT, "%7.1f ms", p99);
    }
}
