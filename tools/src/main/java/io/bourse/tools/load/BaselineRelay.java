package io.bourse.tools.load;

import io.bourse.client.HostedTopologies;
import io.bourse.schemas.catalogue.PartitionCounts;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.catalogue.UserIds;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.streams.StreamsDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * The physical baseline of the order path: a bare Kafka Streams relay of the same shape, run in the
 * load generator's JVM against the exchange's broker. Three stateless applications, each one
 * exactly-once stage with one record in and one out ({@link RelayTopology}), keyed user → symbol →
 * user → user over topics partitioned as {@code orders.commands} and {@code matching.commands} are on
 * the cluster, and configured as the node configures a topology ({@link StreamsSettings}). Records go
 * to the same users, with the same seed, on the same schedule as the exchange's orders, and every
 * latency counts from the record's due time: in → out is two stages (the verdict and the trader's own
 * fill), in → settled three (the settled fill). A rate the relay cannot carry shows as answered/s
 * below offered/s: its saturation point.
 *
 * <p>The relay's topics are made afresh for each run and deleted after it; its state lives in a
 * temporary directory, and its applications close with a leave-group.
 */
final class BaselineRelay implements AutoCloseable {

    /** Whether a run measures the relay: not at all, alone, or first and then the exchange, side by side. */
    enum Mode {
        OFF, ONLY, BOTH;

        static Mode parse(final String value) {
            return switch (value) {
                case "off", "false" -> OFF;
                case "only" -> ONLY;
                case "both", "", "true" -> BOTH;
                default -> throw new IllegalArgumentException("--baseline is only, both or off, not " + value);
            };
        }
    }

    /**
     * What one step measured of the relay; latencies in microseconds from each record's due time.
     *
     * @param sent records offered in the measured seconds
     * @param answered those that came out of stage 2 (in → out) within the step and its drain
     * @param settled those that came out of stage 3 (in → settled)
     * @param elapsedSeconds from the step's first due time until its last record settled (or the drain gave up)
     * @param reserve in → mid: stage 1 alone, what the portfolio's stage is to place → reserved
     * @param late how long after its due time each record went out, in microseconds
     * @param budget what the step wrote per record, when the run counts a record budget
     * @param stageCpuSeconds CPU the relay's stages used in the step (NaN when it cannot be measured)
     * @param nodeCpuSeconds CPU the node used in the step, idle but for its broker serving the relay (NaN when unknown)
     */
    record RelayStep(int offeredPerSecond, long sent, long answered, long settled, double elapsedSeconds, Histogram answer,
            Histogram settle, Histogram reserve, Histogram late, Optional<RecordBudget.Table> budget, double stageCpuSeconds, double nodeCpuSeconds) {

        /** The relay's CPU per record, its stages' and the broker's (the node's) together, in microseconds. */
        double cpuMicrosPerRecord() {
            return (stageCpuSeconds + nodeCpuSeconds) / sent * 1e6;
        }

        RelayStep withBudget(final RecordBudget.Table table) {
            return new RelayStep(offeredPerSecond, sent, answered, settled, elapsedSeconds, answer, settle, reserve, late, Optional.of(table),
                    stageCpuSeconds, nodeCpuSeconds);
        }

        double answeredPerSecond() {
            return answered / elapsedSeconds;
        }

        /** Whether the relay carried the rate: every record through all three stages, at 90 % of the offered rate or more. */
        boolean carried() {
            return settled == sent && answered == sent && answeredPerSecond() >= 0.9 * offeredPerSecond;
        }
    }

    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final LoadOptions options;
    private final Path stateDir;
    private final KafkaEndpoints cluster;
    private final Admin admin;
    private final List<KafkaStreams> stages = new ArrayList<>();
    private final AtomicReference<Throwable> stageFailure = new AtomicReference<>();
    private final Watch reservations = new Watch(RelayNames.MID);
    private final Watch answers = new Watch(RelayNames.OUT);
    private final Watch settlements = new Watch(RelayNames.SETTLED);
    private final List<Watch> watches = List.of(reservations, answers, settlements);
    private final AtomicLong sendFailures = new AtomicLong();
    private final NodeMetrics node;
    private KafkaProducer<String, byte[]> producer;
    private int stepCounter;

    private BaselineRelay(final LoadOptions options) throws IOException {
        this.options = options;
        this.stateDir = Files.createTempDirectory("bourse-relay-");
        this.cluster = options.cluster();
        this.admin = Admin.create(cluster.clientConfig(Map.of()));
        this.node = new NodeMetrics(options.http());
    }

    /** Runs the relay at every rate of {@code options}, printing as it goes, and returns what each step measured. */
    static List<RelayStep> run(final LoadOptions options) throws Exception {
        System.out.printf("relay baseline: rates=%s seconds=%d warmup=%d seed=%d%n", options.rates(), options.seconds(),
                options.warmupSeconds(), options.seed());
        System.out.println("relay streams: " + options.streams().describe());
        final List<RelayStep> results = new ArrayList<>();
        try (BaselineRelay relay = new BaselineRelay(options);
                RecordBudget budget = options.budget() ? RecordBudget.forTopics(relay.cluster, RelayNames.TOPICS) : null) {
            relay.start();
            final List<String> users = users(options.traders());
            final SplittableRandom random = new SplittableRandom(options.seed());
            for (int step = 0; step < options.rates().size(); step++) {
                final int rate = options.rates().get(step);
                relay.offer(users, random, rate, step == 0 ? options.warmupSeconds() : Math.max(1, options.warmupSeconds() / 5), false);
                final RecordBudget.Mark mark = budget == null ? null : budget.mark();
                final RelayStep result = relay.offer(users, random, rate, options.seconds(), true);
                relay.report(result);
                final RelayStep counted = budget == null ? result
                        : result.withBudget(budget.report(mark, result.sent(), options, rate, "relay", "record"));
                results.add(counted);
            }
        }
        saturation(results);
        return results;
    }

    /** The Kafka mode's traders' user ids: the relay keys its records by the same users, so they spread over the same partitions. */
    static List<String> users(final int traders) {
        return Stream.iterate(0, i -> i + 1).limit(traders).map(i -> UserIds.forEmail(KafkaGateway.traderEmail(i))).toList();
    }

    private void start() throws Exception {
        final PartitionCounts counts = clusterCounts();
        recreateTopics(counts);
        System.out.printf("relay topics: %s, %s and %s by user with %d partitions, %s by symbol with %d%n", RelayNames.IN,
                RelayNames.OUT, RelayNames.SETTLED, counts.byUser(), RelayNames.MID, counts.bySymbol());
        // Stages 1 and 3 stand for the portfolio, stage 2 for matching: each gets that topology's settings.
        startStage(RelayNames.RESERVE_APPLICATION_ID, RelayTopology.reserve(OrderGateway.SYMBOL), HostedTopologies.PORTFOLIO);
        startStage(RelayNames.MATCH_APPLICATION_ID, RelayTopology.match(), HostedTopologies.MATCHING);
        startStage(RelayNames.SETTLE_APPLICATION_ID, RelayTopology.settle(), HostedTopologies.PORTFOLIO);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stages.stream().anyMatch(s -> s.state() != KafkaStreams.State.RUNNING)) {
            failIfAStageDied();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The relay's stages did not all reach RUNNING within 60 s: "
                        + stages.stream().map(s -> s.state().name()).toList());
            }
            Thread.sleep(50);
        }
        for (final Watch watch : watches) {
            watch.start(cluster);
        }
        // As the exchange's generator (KafkaGateway, LatencyWatch): the node's client defaults, socket buffers among them.
        producer = new KafkaProducer<>(cluster.clientConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1)),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The partition counts of the exchange's topics on this cluster, or the catalogue's defaults where they do not exist yet. */
    private PartitionCounts clusterCounts() throws InterruptedException {
        final Optional<Integer> byUser = partitionsOf(Topics.ORDERS_COMMANDS.name());
        final Optional<Integer> bySymbol = partitionsOf(Topics.MATCHING_COMMANDS.name());
        if (byUser.isEmpty() || bySymbol.isEmpty()) {
            System.out.println("relay: the exchange's topics are not on this cluster; the catalogue's default partition counts");
        }
        return new PartitionCounts(byUser.orElse(PartitionCounts.DEFAULT.byUser()), bySymbol.orElse(PartitionCounts.DEFAULT.bySymbol()));
    }

    private Optional<Integer> partitionsOf(final String topic) throws InterruptedException {
        try {
            final TopicDescription description = admin.describeTopics(Set.of(topic)).topicNameValues().get(topic).get(30, TimeUnit.SECONDS);
            return Optional.of(description.partitions().size());
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("Cannot describe " + topic, e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("The cluster did not describe " + topic + " within 30 s", e);
        }
    }

    /** Makes the relay's topics afresh, so no record or committed offset of an earlier run is in the way. */
    private void recreateTopics(final PartitionCounts counts) throws Exception {
        deleteTopics();
        final List<NewTopic> topics = List.of(
                new NewTopic(RelayNames.IN, Optional.of(counts.byUser()), Optional.empty()),
                new NewTopic(RelayNames.MID, Optional.of(counts.bySymbol()), Optional.empty()),
                new NewTopic(RelayNames.OUT, Optional.of(counts.byUser()), Optional.empty()),
                new NewTopic(RelayNames.SETTLED, Optional.of(counts.byUser()), Optional.empty()));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (final ExecutionException e) {
                // A topic deleted a moment ago can still be on its way out.
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private boolean exists(final String topic) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (final Exception e) {
            throw new IllegalStateException("Cannot list the cluster's topics", e);
        }
    }

    /** Deletes the relay's topics and its stages' consumer groups, waiting until the topics are gone. */
    private void deleteTopics() throws Exception {
        try {
            admin.deleteConsumerGroups(List.of(RelayNames.RESERVE_APPLICATION_ID, RelayNames.MATCH_APPLICATION_ID,
                    RelayNames.SETTLE_APPLICATION_ID)).all().get(30, TimeUnit.SECONDS);
        } catch (final ExecutionException noSuchGroup) {
            // The first run has none; a group still holding members would have failed the stages' start anyway.
        }
        final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        final List<String> old = RelayNames.TOPICS.stream().filter(existing::contains).toList();
        if (old.isEmpty()) {
            return;
        }
        admin.deleteTopics(old).all().get(30, TimeUnit.SECONDS);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (old.stream().anyMatch(this::exists) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private void startStage(final String applicationId, final Topology topology, final String standsFor) {
        final Map<String, Object> config = StreamsDefaults.config(applicationId, cluster, stateDir.toString());
        options.streams().applyTo(config, standsFor);
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        // As the node: a replaced stream thread's partitions wait for its old member's session to expire.
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        final KafkaStreams stage = new KafkaStreams(topology, new StreamsConfig(config));
        stage.setUncaughtExceptionHandler(exception -> {
            stageFailure.compareAndSet(null, exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        stages.add(stage);
        stage.start();
    }

    private void failIfAStageDied() {
        final Throwable failure = stageFailure.get();
        if (failure != null) {
            throw new IllegalStateException("A relay stage failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * One step, as the exchange's: records on a fixed schedule, each stamped with its due time; a measured step
     * waits for its records to settle.
     */
    private RelayStep offer(final List<String> users, final SplittableRandom random, final int rate, final int seconds,
            final boolean measured) throws InterruptedException {
        final int step = ++stepCounter;
        if (measured) {
            for (final Watch watch : watches) {
                watch.measure(step);
            }
        }
        final long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        final long total = (long) rate * seconds;
        final Histogram answer = new Histogram(MAX_MICROS, 3);
        final Histogram settle = new Histogram(MAX_MICROS, 3);
        final Histogram reserve = new Histogram(MAX_MICROS, 3);
        final Histogram late = new Histogram(MAX_MICROS, 3);
        final double stageCpuBefore = RelayCpu.supported() ? RelayCpu.seconds() : Double.NaN;
        final Optional<NodeMetrics.Reading> nodeBefore = measured ? node.read() : Optional.empty();
        final long start = System.nanoTime();
        long nextReport = start + TimeUnit.SECONDS.toNanos(5);
        for (long n = 0; n < total; n++) {
            final long due = start + n * interval;
            Pacing.awaitDue(due);
            if (measured) {
                Pacing.recordLateness(late, due);
            }
            final String user = users.get(random.nextInt(users.size()));
            producer.send(new ProducerRecord<>(RelayNames.IN, user, RelayTopology.value(due, step, user)), (metadata, e) -> {
                if (e != null) {
                    sendFailures.incrementAndGet();
                }
            });
            if (measured && System.nanoTime() >= nextReport) {
                final Histogram last = answers.recorder.getIntervalHistogram();
                answer.add(last);
                settle.add(settlements.recorder.getIntervalHistogram());
                reserve.add(reservations.recorder.getIntervalHistogram());
                System.out.printf("  relay t=%3.0fs %d sent, %d answered, %d settled; last 5 s in -> out p50 %.1f ms, p99 %.1f ms%n",
                        (System.nanoTime() - start) / 1e9, n + 1, answers.count.get(), settlements.count.get(),
                        last.getValueAtPercentile(50) / 1e3, last.getValueAtPercentile(99) / 1e3);
                nextReport += TimeUnit.SECONDS.toNanos(5);
            }
            if ((n & 1023) == 0) {
                failIfAStageDied();
            }
        }
        producer.flush();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (measured && settlements.count.get() < total && System.nanoTime() < deadline) {
            failIfAStageDied();
            Thread.sleep(20);
        }
        final double elapsed = (System.nanoTime() - start) / 1e9;
        if (!measured) {
            System.out.printf("relay warm-up at %d/s for %d s done%n", rate, seconds);
            return null;
        }
        answer.add(answers.recorder.getIntervalHistogram());
        settle.add(settlements.recorder.getIntervalHistogram());
        reserve.add(reservations.recorder.getIntervalHistogram());
        final double stageCpu = RelayCpu.supported() ? RelayCpu.seconds() - stageCpuBefore : Double.NaN;
        final double nodeCpu = nodeBefore.flatMap(b -> node.read().map(a -> a.since(b).cpuSeconds())).orElse(Double.NaN);
        return new RelayStep(rate, total, answers.count.get(), settlements.count.get(), elapsed, answer, settle, reserve, late,
                Optional.empty(), stageCpu, nodeCpu);
    }

    private void report(final RelayStep step) throws IOException {
        System.out.printf(Locale.ROOT, "relay offered %d/s (%d records); answered %d (2 stages) and settled %d (3 stages) in %.1f s: "
                + "%.0f answered/s; %d failed sends%n", step.offeredPerSecond(), step.sent(), step.answered(), step.settled(),
                step.elapsedSeconds(), step.answeredPerSecond(), sendFailures.getAndSet(0));
        System.out.println(line("relay in -> mid (1)", step.reserve()));
        System.out.println(line("relay in -> out (2)", step.answer()));
        System.out.println(line("relay in -> settled (3)", step.settle()));
        System.out.printf(Locale.ROOT, "relay CPU %.2f cores in its stages + %.2f in the node (its broker, idle otherwise): "
                + "%.3f ms per record%n", step.stageCpuSeconds() / step.elapsedSeconds(), step.nodeCpuSeconds() / step.elapsedSeconds(),
                step.cpuMicrosPerRecord() / 1e3);
        System.out.printf(Locale.ROOT, "relay generator sent late by p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                + "(latencies count from the due time)%n", step.late().getValueAtPercentile(50) / 1e3,
                step.late().getValueAtPercentile(99) / 1e3, step.late().getMaxValue() / 1e3);
        if (options.csv() != null) {
            appendCsv(step);
        }
    }

    /** Appends the step to the file beside the run's {@code --csv}: {@code results.csv} → {@code results-relay.csv}. */
    private void appendCsv(final RelayStep step) throws IOException {
        // Each column is named where its value is: the header cannot drift from the row.
        final Map<String, String> row = new LinkedHashMap<>();
        row.put("label", options.label());
        row.put("offered_per_s", String.valueOf(step.offeredPerSecond()));
        row.put("answered_per_s", String.format(Locale.ROOT, "%.1f", step.answeredPerSecond()));
        row.put("sent", String.valueOf(step.sent()));
        row.put("answered", String.valueOf(step.answered()));
        row.put("settled", String.valueOf(step.settled()));
        for (final double percentile : new double[] {50, 90, 99, 100}) {
            final String name = percentile == 100 ? "max" : "p" + (int) percentile;
            row.put("relay1_" + name + "_ms", String.format(Locale.ROOT, "%.1f", step.reserve().getValueAtPercentile(percentile) / 1e3));
            row.put("relay2_" + name + "_ms", String.format(Locale.ROOT, "%.1f", step.answer().getValueAtPercentile(percentile) / 1e3));
            row.put("relay3_" + name + "_ms", String.format(Locale.ROOT, "%.1f", step.settle().getValueAtPercentile(percentile) / 1e3));
        }
        row.put("stage_cores", String.format(Locale.ROOT, "%.2f", step.stageCpuSeconds() / step.elapsedSeconds()));
        row.put("node_cores", String.format(Locale.ROOT, "%.2f", step.nodeCpuSeconds() / step.elapsedSeconds()));
        row.put("cpu_us_per_record", String.format(Locale.ROOT, "%.0f", step.cpuMicrosPerRecord()));
        row.put("generator_late_p99_ms", String.format(Locale.ROOT, "%.1f", step.late().getValueAtPercentile(99) / 1e3));
        row.put("processing_guarantee", options.streams().processingGuarantee());
        row.put("portfolio_commit_interval_ms", String.valueOf(options.streams().commitIntervalMs(HostedTopologies.PORTFOLIO)));
        row.put("matching_commit_interval_ms", String.valueOf(options.streams().commitIntervalMs(HostedTopologies.MATCHING)));
        row.put("linger_ms", String.valueOf(options.streams().lingerMs()));
        row.put("stream_threads", String.valueOf(options.streams().threads()));
        row.put("portfolio_poll_ms", String.valueOf(options.streams().pollMs(HostedTopologies.PORTFOLIO)));
        row.put("matching_poll_ms", String.valueOf(options.streams().pollMs(HostedTopologies.MATCHING)));
        final Path csv = RecordBudget.besideCsv(options.csv(), "relay");
        final boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
        Files.writeString(csv, (fresh ? String.join(",", row.keySet()) + "\n" : "") + String.join(",", row.values()) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The relay's saturation point: the highest rate it carried, and the most it answered. */
    private static void saturation(final List<RelayStep> steps) {
        final Optional<RelayStep> carried = steps.stream().filter(RelayStep::carried)
                .max(Comparator.comparingInt(RelayStep::offeredPerSecond));
        final RelayStep most = steps.stream().max(Comparator.comparingDouble(RelayStep::answeredPerSecond)).orElseThrow();
        System.out.printf(Locale.ROOT, "relay saturation: carried %s; the most it answered was %.0f/s (offered %d/s)%n",
                carried.map(s -> "every record up to " + s.offeredPerSecond() + "/s").orElse("no offered rate in full"),
                most.answeredPerSecond(), most.offeredPerSecond());
    }

    /** One line of percentiles, as the exchange's report prints them. */
    static String line(final String what, final Histogram h) {
        if (h == null || h.getTotalCount() == 0) {
            return String.format(Locale.ROOT, "%-24s n=0", what);
        }
        return String.format(Locale.ROOT, "%-24s n=%-7d p50=%7.1f ms  p90=%7.1f ms  p99=%7.1f ms  max=%7.1f ms", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3);
    }

    @Override
    public void close() throws Exception {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        for (final Watch watch : watches) {
            watch.close();
        }
        for (final KafkaStreams stage : stages) {
            StreamsDefaults.close(stage, CLOSE_TIMEOUT);
        }
        try {
            deleteTopics();
        } finally {
            admin.close(Duration.ofSeconds(5));
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot delete the relay's state in " + dir, e);
        }
    }

    /**
     * Reads one relay topic from its end and records, for the records of the step being measured, how
     * long after its due time each became readable to a read_committed consumer.
     */
    private static final class Watch implements AutoCloseable {

        final Recorder recorder = new Recorder(MAX_MICROS, 3);
        final AtomicLong count = new AtomicLong();
        private final String topic;
        private final AtomicInteger measuring = new AtomicInteger(-1);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        Watch(final String topic) {
            this.topic = topic;
        }

        void start(final KafkaEndpoints cluster) {
            final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cluster.clientConfig(Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                    new StringDeserializer(), new ByteArrayDeserializer());
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                            final long now = System.nanoTime();
                            if (RelayTopology.step(r.value()) == measuring.get()) {
                                recorder.recordValue(Math.min(MAX_MICROS, Math.max(1, (now - RelayTopology.due(r.value())) / 1_000)));
                                count.incrementAndGet();
                            }
                        }
                    }
                }
            }, "loadgen-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        /** Counts and records only the records of {@code step} from now on. */
        void measure(final int step) {
            measuring.set(step);
            count.set(0);
            recorder.reset();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(5_000);
            }
        }
    }
}
