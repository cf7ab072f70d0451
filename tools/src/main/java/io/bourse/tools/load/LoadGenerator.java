package io.bourse.tools.load;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.LoggerFactory;

/**
 * Offers orders at fixed rates and reports throughput and HdrHistogram latency percentiles:
 * place → verdict (the engine's, or the portfolio's refusal), taker place → first fill (what the
 * private channel pushes), taker place → settled fill, cancel → CANCELLED, trade → WebSocket client
 * and, in REST mode, place → HTTP answer; and, from the node's metrics, the cores it kept busy and its CPU per
 * command. Half the orders cross (IOC takers), half rest a tick or two off
 * the centre (GTC makers), and a share of the commands cancel resting makers, so the whole path —
 * reserve, match, settle, release — runs. Each rate is one step: unmeasured warm-up, then the
 * measured seconds; a line every five seconds shows the run as it goes, and one CSV row per step
 * feeds the latency-versus-throughput plot. Commands go out on a fixed schedule and every latency
 * counts from the command's due time, so a generator that falls behind does not hide the wait; how
 * late it sent is reported beside its own collector pauses.
 *
 * <p>Usage: {@code java -jar bourse-node.jar loadgen [--mode=kafka|rest] [--rates=500,1000] [--seconds=30]
 * [--warmup=20] [--cancel-share=0.1] [--label=eos-100ms] [--csv=file] [--seed=N] [--bootstrap=...]
 * [--registry=...] [--http=...] [--baseline[=both|only]] [--budget]}. Run it against a node whose simulator is off; it
 * stops by itself.
 */
public final class LoadGenerator {

    private static final long CENTRE = 47_000;
    private static final long TICK = 5;
    /** Makers remembered for cancels; the oldest beyond this are forgotten (most have filled by then). */
    private static final int MAX_RESTING = 10_000;
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private LoadGenerator() {
    }

    public static void main(final String[] args) throws Exception {
        // Before anything touches CompletableFuture: the JDK's HTTP client hands every answer of sendAsync to
        // CompletableFuture's default executor, and on two cores (a common pool of one) that starts a thread per task,
        // a thread per answer, which capped REST mode near 900 requests/s with the node half idle. A pool of four is
        // reused instead.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "4");
        }
        // The clients log their whole configuration at INFO; the report is what matters here.
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(LoadOptions.USAGE);
            return;
        }
        final LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (final IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.baseline() == BaselineRelay.Mode.ONLY) {
            BaselineRelay.run(options);
            return;
        }
        // The relay first: its stages are closed before the exchange is offered anything.
        final List<BaselineRelay.RelayStep> relay = options.baseline() == BaselineRelay.Mode.BOTH ? BaselineRelay.run(options) : List.of();
        final List<StepResult> exchange = run(options);
        if (!relay.isEmpty()) {
            BaselineComparison.print(exchange.stream().map(BaselineComparison.ExchangeStep::of).toList(), relay);
        }
    }

    /** Runs every step of {@code options}, printing as it goes, and returns what each step measured. */
    public static List<StepResult> run(final LoadOptions options) throws Exception {
        System.out.printf("loadgen mode=%s rates=%s seconds=%d warmup=%d cancel-share=%.2f seed=%d label=%s%n", options.mode(),
                options.rates(), options.seconds(), options.warmupSeconds(), options.cancelShare(), options.seed(), options.label());
        System.out.println(NodeMetrics.machine());
        final NodeMetrics node = new NodeMetrics(options.http());
        final Recorder httpAnswers = new Recorder(TimeUnit.SECONDS.toMicros(120), 3);
        final AtomicLong failures = new AtomicLong();
        final AtomicLong busy = new AtomicLong();
        try (OrderGateway gateway = options.mode().equals("rest") ? new RestGateway(options, failures, busy)
                : new KafkaGateway(options)) {
            final List<String> traders = gateway.setUp();
            System.out.printf("%d traders ready%n", traders.size());
            final List<StepResult> results = new ArrayList<>();
            try (LatencyWatch watch = new LatencyWatch(options);
                    RecordBudget budget = options.budget() ? RecordBudget.forExchange(options.cluster()) : null) {
                final Offer offer = new Offer(gateway, watch, httpAnswers, traders, options);
                for (int step = 0; step < options.rates().size(); step++) {
                    final int rate = options.rates().get(step);
                    final int warmup = step == 0 ? options.warmupSeconds() : Math.max(1, options.warmupSeconds() / 5);
                    offer.run(rate, warmup, false);
                    final long warmupFailures = failures.getAndSet(0);
                    final long warmupBusy = busy.getAndSet(0);
                    if (warmupFailures > 0) {
                        System.out.printf("  the warm-up had %d failed requests (%d refused as busy)%n", warmupFailures, warmupBusy);
                    }
                    final RecordBudget.Mark budgetMark = budget == null ? null : budget.mark();
                    final Optional<NodeMetrics.Reading> before = node.read();
                    final GeneratorPauses.Reading ownBefore = GeneratorPauses.read();
                    final Step result = offer.run(rate, options.seconds(), true);
                    final GeneratorPauses.Reading ownDuringStep = GeneratorPauses.read().since(ownBefore);
                    final Optional<NodeMetrics.Reading> after = node.read();
                    final Optional<NodeMetrics.Reading> nodeDuringStep = before.flatMap(b -> after.map(a -> a.since(b)));
                    results.add(report(options, rate, result, nodeDuringStep, ownDuringStep, watch, httpAnswers,
                            failures.getAndSet(0), busy.getAndSet(0)));
                    if (budget != null) {
                        budget.report(budgetMark, result.commands(), options, rate, "exchange", "command");
                    }
                }
            }
            return results;
        }
    }

    /**
     * What one step measured: counts, and latency histograms in microseconds.
     *
     * @param achievedPerSecond answered places plus cancels sent, per second of the step and its drain
     * @param failures requests the exchange answered with neither success nor an order refusal
     * @param nodeCores the node's CPU seconds per second of the step and its drain (NaN when its metrics could not be read)
     * @param nodeGcPauses the node's stop-the-world collector pauses during the step and its drain (-1 when unknown)
     * @param nodeFullGcPauses those of them that collected the whole heap (-1 when unknown)
     * @param generatorGcPauses the generator's own stop-the-world pauses during the step and its drain
     */
    public record StepResult(int offeredPerSecond, double achievedPerSecond, long places, long cancels, long answered,
            long rejected, long failures, double nodeCores, long nodeGcPauses, long nodeFullGcPauses, long generatorGcPauses,
            Histogram verdict, Histogram firstFill, Histogram settledFill, Histogram cancelled, Histogram tradeToWebSocket,
            Histogram httpAnswers, double cpuMicrosPerCommand) {
    }

    /** The order stream: who, which side, maker or taker, and which resting maker a cancel takes. */
    private static final class Offer {

        private final OrderGateway gateway;
        private final LatencyWatch watch;
        private final Recorder httpAnswers;
        private final List<String> traders;
        private final SplittableRandom random;
        private final double cancelShare;
        private final String prefix;
        /** Makers the exchange has given an id, as {user, orderId}, newest last; cancels take the newest (most likely still open). */
        private final ConcurrentLinkedDeque<String[]> resting = new ConcurrentLinkedDeque<>();
        private long sequence;

        Offer(final OrderGateway gateway, final LatencyWatch watch, final Recorder httpAnswers, final List<String> traders,
                final LoadOptions options) {
            this.gateway = gateway;
            this.watch = watch;
            this.httpAnswers = httpAnswers;
            this.traders = traders;
            this.random = new SplittableRandom(options.seed());
            this.cancelShare = options.cancelShare();
            this.prefix = "lg-" + options.seed() + "-";
        }

        Step run(final int rate, final int seconds, final boolean measured) throws InterruptedException {
            final long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            final long total = (long) rate * seconds;
            final long answeredBefore = watch.answered.get();
            final long rejectedBefore = watch.rejected.get();
            final long failedBefore = gateway.failedPlaces();
            resetAll();
            final Histogram verdict = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            final Histogram late = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            long places = 0;
            final long start = System.nanoTime();
            long nextReport = start + TimeUnit.SECONDS.toNanos(5);
            for (long n = 0; n < total; n++) {
                final long due = start + n * interval;
                Pacing.awaitDue(due);
                if (measured) {
                    Pacing.recordLateness(late, due);
                }
                // Latencies count from when the command was due, not from when it went out: a generator
                // that falls behind (its own pause, or no core free) must not hide the wait (coordinated omission).
                if (random.nextDouble() < cancelShare && cancelOne(measured, due)) {
                    continue;
                }
                placeOne(measured, due);
                places++;
                if ((n & 1023) == 0) {
                    // size() walks the deque: once per trim, not once per element dropped, or the
                    // trim stalls the schedule for tens of ms.
                    for (int excess = resting.size() - MAX_RESTING; excess > 0; excess--) {
                        resting.pollFirst();
                    }
                }
                if (measured && System.nanoTime() >= nextReport) {
                    final Histogram last = watch.verdict.getIntervalHistogram();
                    verdict.add(last);
                    System.out.printf("  t=%3.0fs %d places sent, %d answered; last 5 s place -> verdict p50 %.1f ms, p99 %.1f ms%n",
                            (System.nanoTime() - start) / 1e9, places, watch.answered.get() - answeredBefore,
                            last.getValueAtPercentile(50) / 1e3, last.getValueAtPercentile(99) / 1e3);
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                }
            }
            final double offeredSeconds = (System.nanoTime() - start) / 1e9;
            gateway.flush();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // A measured step waits for every verdict (a place that failed, refused as busy say, has none); a warm-up
            // too waits for its requests in flight, so none of them is counted in the step after it.
            while ((measured && watch.answered.get() - answeredBefore + gateway.failedPlaces() - failedBefore < places
                    || gateway.pending() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            final double elapsed = (System.nanoTime() - start) / 1e9;
            if (!measured) {
                System.out.printf("warm-up at %d/s for %d s done%n", rate, seconds);
            }
            verdict.add(watch.verdict.getIntervalHistogram());
            return new Step(total, places, offeredSeconds, elapsed, watch.answered.get() - answeredBefore,
                    watch.rejected.get() - rejectedBefore, verdict, late);
        }

        private void resetAll() {
            watch.verdict.reset();
            watch.reserved.reset();
            watch.firstFill.reset();
            watch.settledFill.reset();
            watch.cancelled.reset();
            watch.tradeToWebSocket.reset();
            httpAnswers.reset();
        }

        private void placeOne(final boolean measured, final long due) {
            final String user = traders.get(random.nextInt(traders.size()));
            final boolean buy = random.nextBoolean();
            final boolean taker = random.nextBoolean();
            final long ticks = 1 + random.nextInt(2);
            // Makers rest a tick or two on their own side of the centre; takers cross it as IOC.
            final long price = CENTRE + (taker == buy ? 1 : -1) * TICK * ticks;
            final String clientOrderId = prefix + sequence++;
            if (measured) {
                watch.placed(gateway.orderIdFor(user, clientOrderId), taker, due);
            }
            gateway.place(user, clientOrderId, buy ? Side.BUY : Side.SELL, taker ? TimeInForce.IOC : TimeInForce.GTC, price,
                    1 + random.nextInt(10), (orderId, answerMicros) -> {
                        if (measured && answerMicros > 0) {
                            httpAnswers.recordValue(answerMicros);
                        }
                        if (!taker && orderId != null) {
                            resting.addLast(new String[] {user, orderId});
                        }
                    });
        }

        private boolean cancelOne(final boolean measured, final long due) {
            final String[] maker = resting.pollLast();
            if (maker == null) {
                return false;
            }
            if (measured) {
                watch.cancelSent(maker[1], due);
            }
            gateway.cancel(maker[0], maker[1]);
            return true;
        }

    }

    /** @param late how long after its due time each measured command went out, in microseconds */
    private record Step(long commands, long places, double offeredSeconds, double elapsedSeconds, long answered, long rejected,
            Histogram verdict, Histogram late) {
    }

    private static StepResult report(final LoadOptions options, final int rate, final Step step,
            final Optional<NodeMetrics.Reading> node, final GeneratorPauses.Reading own, final LatencyWatch watch,
            final Recorder httpAnswers, final long failures, final long busy) throws IOException {
        final Histogram verdict = step.verdict();
        final Histogram reserved = watch.reserved.getIntervalHistogram();
        final Histogram fill = watch.firstFill.getIntervalHistogram();
        final Histogram settled = watch.settledFill.getIntervalHistogram();
        final Histogram cancel = watch.cancelled.getIntervalHistogram();
        final Histogram socket = watch.tradeToWebSocket.getIntervalHistogram();
        final Histogram http = httpAnswers.getIntervalHistogram();
        final double achieved = step.answered() / step.elapsedSeconds() + (step.commands() - step.places()) / step.elapsedSeconds();
        System.out.printf("offered %d/s (%d commands, %d places, %d cancels in %.1f s); answered %d places (%d rejected) in %.1f s: "
                + "%.0f commands/s; %d failed requests%s%n", rate, step.commands(), step.places(), step.commands() - step.places(),
                step.offeredSeconds(), step.answered(), step.rejected(), step.elapsedSeconds(), achieved, failures,
                busy == 0 ? "" : " (" + busy + " of them refused as busy: 503 EXCHANGE_BUSY, nothing placed)");
        print("place -> verdict", verdict);
        print("place -> reserved", reserved);
        print("taker place -> fill", fill);
        print("taker -> settled fill", settled);
        print("cancel -> CANCELLED", cancel);
        print("trade -> WebSocket", socket);
        if (options.mode().equals("rest")) {
            print("place -> HTTP answer", http);
        }
        final double nodeCores = node.map(n -> n.cpuSeconds() / step.elapsedSeconds()).orElse(Double.NaN);
        // CPU per command sent: what the node spent on the step's places and cancels and on settling them.
        final double cpuPerCommandMicros = nodeCores * step.elapsedSeconds() / step.commands() * 1e6;
        node.ifPresent(n -> {
            System.out.printf("node CPU %.2f cores, %.3f ms per command%n", nodeCores, cpuPerCommandMicros / 1e3);
            System.out.printf("node GC %d pauses, %.0f ms in all; %d of them full, %.0f ms%n", n.pauses(), n.pauseSeconds() * 1e3,
                    n.fullPauses(), n.fullPauseSeconds() * 1e3);
        });
        System.out.printf("generator GC %d pauses, %.0f ms in all (each delays the answers it is reading)%n", own.pauses(),
                own.pauseSeconds() * 1e3);
        final Histogram late = step.late();
        System.out.printf("generator sent late by p50 %.1f ms, p99 %.1f ms, max %.1f ms (latencies count from the due time)%n",
                late.getValueAtPercentile(50) / 1e3, late.getValueAtPercentile(99) / 1e3, late.getMaxValue() / 1e3);
        if (options.csv() != null) {
            // Each column is named where its value is: the header cannot drift from the row.
            final Map<String, String> row = new LinkedHashMap<>();
            row.put("label", options.label());
            row.put("mode", options.mode());
            row.put("offered_per_s", String.valueOf(rate));
            row.put("achieved_per_s", format(achieved));
            row.put("answered", String.valueOf(step.answered()));
            row.put("rejected", String.valueOf(step.rejected()));
            row.put("failures", String.valueOf(failures));
            row.put("verdict_p50_ms", ms(verdict, 50));
            row.put("verdict_p90_ms", ms(verdict, 90));
            row.put("verdict_p99_ms", ms(verdict, 99));
            row.put("verdict_p999_ms", ms(verdict, 99.9));
            row.put("verdict_max_ms", format(verdict.getMaxValue() / 1e3));
            row.put("reserved_p50_ms", ms(reserved, 50));
            row.put("reserved_p99_ms", ms(reserved, 99));
            row.put("fill_p50_ms", ms(fill, 50));
            row.put("fill_p99_ms", ms(fill, 99));
            row.put("settled_fill_p50_ms", ms(settled, 50));
            row.put("settled_fill_p99_ms", ms(settled, 99));
            row.put("cancel_p50_ms", ms(cancel, 50));
            row.put("cancel_p99_ms", ms(cancel, 99));
            row.put("trade_ws_p50_ms", ms(socket, 50));
            row.put("trade_ws_p99_ms", ms(socket, 99));
            row.put("http_p50_ms", ms(http, 50));
            row.put("http_p99_ms", ms(http, 99));
            row.put("node_cores", Double.isNaN(nodeCores) ? "" : String.format(Locale.ROOT, "%.2f", nodeCores));
            row.put("node_cpu_us_per_command", Double.isNaN(nodeCores) ? "" : String.format(Locale.ROOT, "%.0f", cpuPerCommandMicros));
            row.put("node_gc_pauses", node.map(n -> String.valueOf(n.pauses())).orElse(""));
            row.put("node_gc_pause_ms", node.map(n -> format(n.pauseSeconds() * 1e3)).orElse(""));
            row.put("node_full_gc_pauses", node.map(n -> String.valueOf(n.fullPauses())).orElse(""));
            row.put("node_full_gc_pause_ms", node.map(n -> format(n.fullPauseSeconds() * 1e3)).orElse(""));
            row.put("generator_gc_pauses", String.valueOf(own.pauses()));
            row.put("generator_gc_pause_ms", format(own.pauseSeconds() * 1e3));
            row.put("generator_late_p99_ms", ms(late, 99));
            row.put("generator_late_max_ms", format(late.getMaxValue() / 1e3));
            appendCsv(Path.of(options.csv()), row);
        }
        return new StepResult(rate, achieved, step.places(), step.commands() - step.places(), step.answered(), step.rejected(),
                failures, nodeCores, node.map(NodeMetrics.Reading::pauses).orElse(-1L),
                node.map(NodeMetrics.Reading::fullPauses).orElse(-1L), own.pauses(), verdict, fill, settled, cancel, socket, http,
                cpuPerCommandMicros);
    }

    /** Appends {@code row}'s values to {@code csv}, after a header of its names when the file is new. */
    private static void appendCsv(final Path csv, final Map<String, String> row) throws IOException {
        final boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
        Files.writeString(csv, (fresh ? String.join(",", row.keySet()) + "\n" : "") + String.join(",", row.values()) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String ms(final Histogram h, final double percentile) {
        return h.getTotalCount() == 0 ? "" : format(h.getValueAtPercentile(percentile) / 1e3);
    }

    private static String format(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static void print(final String what, final Histogram h) {
        if (h.getTotalCount() == 0) {
            System.out.printf("%-22s n=0%n", what);
            return;
        }
        System.out.printf("%-22s n=%-7d p50=%7.1f ms  p90=%7.1f ms  p99=%7.1f ms  p99.9=%7.1f ms  max=%7.1f ms%n", what,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
}
