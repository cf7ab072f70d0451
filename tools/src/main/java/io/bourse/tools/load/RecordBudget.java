package io.bourse.tools.load;

import io.bourse.schemas.catalogue.MarketDataNames;
import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts what a measured step wrote, per order command, on every topic counted: data records,
 * transaction markers and bytes. For the exchange that is every catalogue topic, every internal
 * topic (changelog, repartition) of the node's four applications, and the broker's own
 * {@code __consumer_offsets} and {@code __transaction_state}, which each exactly-once commit writes to.
 *
 * <p>Exact, and cheap beside the load: a {@link #mark()} before the step and {@link #since} after it
 * read end offsets and log sizes; only afterwards are the data records between the two read (raw
 * bytes, read_uncommitted). A transaction marker is a control record: it takes an offset but no
 * consumer ever receives it, so markers are the end-offset advance minus the data records read (an
 * aborted transaction's records count as records). Payload bytes are the records' keys and values;
 * log bytes are the growth of one replica's log on disk ({@code describeLogDirs}), batch headers,
 * markers and indexes' neighbours included. Both marks first wait until the counted topics stop
 * growing, so the step's count holds neither the warm-up's tail nor its own records still in flight.
 */
final class RecordBudget implements AutoCloseable {

    /** The broker's topics every exactly-once commit writes: the consumed offsets, and the transaction's states. */
    static final List<String> TRANSACTION_TOPICS = List.of("__consumer_offsets", "__transaction_state");

    private static final List<String> NODE_APPLICATION_IDS = List.of(PortfolioNames.APPLICATION_ID, MatchingNames.APPLICATION_ID,
            MarketDataNames.APPLICATION_ID, NotificationsNames.APPLICATION_ID);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long the counted topics must not grow to count as settled: several of the node's 100 ms commits. */
    private static final long QUIET_MS = 500;
    private static final long MAX_SETTLE_MS = 15_000;

    private final KafkaEndpoints cluster;
    private final Predicate<String> counted;
    private final Admin admin;

    RecordBudget(final KafkaEndpoints cluster, final Predicate<String> counted) {
        this.cluster = cluster;
        this.counted = counted;
        this.admin = Admin.create(cluster.clientConfig(Map.of()));
    }

    /** A budget of every topic the exchange writes ({@link #exchangeTopic}). */
    static RecordBudget forExchange(final KafkaEndpoints cluster) {
        return new RecordBudget(cluster, RecordBudget::exchangeTopic);
    }

    /** A budget of {@code topics} and the {@link #TRANSACTION_TOPICS}. */
    static RecordBudget forTopics(final KafkaEndpoints cluster, final Collection<String> topics) {
        final Set<String> names = Set.copyOf(topics);
        return new RecordBudget(cluster, name -> names.contains(name) || TRANSACTION_TOPICS.contains(name));
    }

    /**
     * Whether the exchange writes {@code topic}: a catalogue topic, an internal topic of one of the node's
     * applications ({@code <application.id>-<store>-changelog}, {@code ...-repartition}) or a {@link #TRANSACTION_TOPICS}.
     */
    static boolean exchangeTopic(final String topic) {
        return Topics.byName(topic).isPresent() || TRANSACTION_TOPICS.contains(topic)
                || NODE_APPLICATION_IDS.stream().anyMatch(id -> topic.startsWith(id + "-")
                        && (topic.endsWith("-changelog") || topic.endsWith("-repartition")));
    }

    /**
     * Where every counted partition ends, and how large its log is.
     *
     * @param endOffsets each partition's end offset (high watermark)
     * @param logBytes the size of each partition's log on disk, of its largest replica
     */
    record Mark(Map<TopicPartition, Long> endOffsets, Map<TopicPartition, Long> logBytes) {
    }

    /** What one topic got per command over a step. */
    record Row(String topic, long records, long markers, long payloadBytes, long logBytes) {

        Row plus(final Row other) {
            return new Row(topic, records + other.records, markers + other.markers, payloadBytes + other.payloadBytes,
                    logBytes + other.logBytes);
        }
    }

    /**
     * A step's budget: every counted topic that grew, in name order.
     *
     * @param commands the order commands (places and cancels) offered in the step, or the relay's records
     */
    record Table(long commands, List<Row> rows) {

        Row total() {
            return rows.stream().reduce(new Row("total", 0, 0, 0, 0), Row::plus);
        }

        Row row(final String topic) {
            return rows.stream().filter(r -> r.topic().equals(topic)).findFirst().orElse(new Row(topic, 0, 0, 0, 0));
        }

        /** Prints the table, per {@code unit} (what {@link #commands} counts: "command", or the relay's "record"). */
        void print(final PrintStream out, final String title, final String unit) {
            final String per = unit.equals("command") ? "cmd" : unit.substring(0, Math.min(3, unit.length()));
            out.printf("record budget: %s, %d %ss%n", title, commands, unit);
            out.printf("  %-50s %12s %12s %14s %12s%n", "topic", "records/" + per, "markers/" + per, "payload B/" + per, "log B/" + per);
            rows.forEach(r -> line(out, r));
            line(out, total());
            out.println("  (markers: transaction markers, offsets no consumer receives; payload: keys and values;"
                    + " log: one replica's growth on disk)");
        }

        /**
         * Appends one CSV row per topic and one for the total to {@code csv}, after a header when the file is new:
         * {@code label,offered_per_s,topic,records_per_x,markers_per_x,payload_bytes_per_x,log_bytes_per_x} per {@code unit}.
         */
        void appendCsv(final Path csv, final String label, final int offeredPerSecond, final String unit) throws IOException {
            final double n = Math.max(1, commands);
            final StringBuilder lines = new StringBuilder();
            if (!Files.exists(csv) || Files.size(csv) == 0) {
                lines.append(String.join(",", "label", "offered_per_s", "topic", "records_per_" + unit, "markers_per_" + unit,
                        "payload_bytes_per_" + unit, "log_bytes_per_" + unit)).append('\n');
            }
            final List<Row> all = new ArrayList<>(rows);
            all.add(total());
            for (final Row r : all) {
                lines.append(String.format(Locale.ROOT, "%s,%d,%s,%.3f,%.3f,%.1f,%.1f%n", label, offeredPerSecond, r.topic(),
                        r.records() / n, r.markers() / n, r.payloadBytes() / n, r.logBytes() / n));
            }
            Files.writeString(csv, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        private void line(final PrintStream out, final Row r) {
            final double n = Math.max(1, commands);
            out.printf(Locale.ROOT, "  %-50s %12.2f %12.2f %14.1f %12.1f%n", r.topic(), r.records() / n, r.markers() / n,
                    r.payloadBytes() / n, r.logBytes() / n);
        }
    }

    /** Waits until the counted topics stop growing, then marks where they end. */
    Mark mark() throws InterruptedException {
        settle();
        return read();
    }

    /**
     * Counts what the step since {@code before} wrote, prints it, and appends it to the file beside the run's
     * {@code --csv} ({@link #besideCsv}), if any.
     */
    Table report(final Mark before, final long commands, final LoadOptions options, final int offeredPerSecond, final String who,
            final String unit) throws InterruptedException, IOException {
        final Table table = since(before, commands);
        table.print(System.out, who + " at " + offeredPerSecond + "/s", unit);
        if (options.csv() != null) {
            table.appendCsv(besideCsv(options.csv(), "budget"), options.label() + (who.equals("exchange") ? "" : "-" + who),
                    offeredPerSecond, unit);
        }
        return table;
    }

    /** The file beside {@code csv} for another table: {@code results.csv} → {@code results-<what>.csv}. */
    static Path besideCsv(final String csv, final String what) {
        final Path path = Path.of(csv);
        final String name = path.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        final String beside = dot > 0 ? name.substring(0, dot) + "-" + what + name.substring(dot) : name + "-" + what;
        return path.resolveSibling(beside);
    }

    /** Waits until the counted topics stop growing, then counts what each got since {@code before}. */
    Table since(final Mark before, final long commands) throws InterruptedException {
        settle();
        final Mark after = read();
        final Map<TopicPartition, long[]> range = new HashMap<>();
        after.endOffsets().forEach((partition, end) -> {
            final long start = before.endOffsets().getOrDefault(partition, 0L);
            if (end > start) {
                range.put(partition, new long[] {start, end});
            }
        });
        final Map<TopicPartition, long[]> read = readData(range);
        final Map<String, Row> rows = new TreeMap<>();
        range.forEach((partition, offsets) -> {
            final long[] data = read.getOrDefault(partition, new long[2]);
            final long growth = after.logBytes().getOrDefault(partition, 0L) - before.logBytes().getOrDefault(partition, 0L);
            rows.merge(partition.topic(), new Row(partition.topic(), data[0], offsets[1] - offsets[0] - data[0], data[1], growth),
                    Row::plus);
        });
        return new Table(commands, List.copyOf(rows.values()));
    }

    /** Per partition, the data records read in its {start, end} range and their key and value bytes. */
    private Map<TopicPartition, long[]> readData(final Map<TopicPartition, long[]> range) {
        final Map<TopicPartition, long[]> read = new HashMap<>();
        if (range.isEmpty()) {
            return read;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cluster.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(range.keySet());
            range.forEach((partition, offsets) -> consumer.seek(partition, offsets[0]));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            final List<TopicPartition> open = new ArrayList<>(range.keySet());
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the step's records of " + open + " within 120 s");
                }
                for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    final TopicPartition partition = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < range.get(partition)[1]) {
                        final long[] counts = read.computeIfAbsent(partition, p -> new long[2]);
                        counts[0]++;
                        counts[1] += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
                    }
                }
                // Control records move the position on without being returned: the range is read when the position passes its end.
                open.removeIf(partition -> consumer.position(partition) >= range.get(partition)[1]);
                consumer.pause(consumer.assignment().stream().filter(p -> !open.contains(p)).toList());
            }
        }
        return read;
    }

    /** Waits, up to {@value #MAX_SETTLE_MS} ms, until the counted topics other than the broker's own stop growing. */
    private void settle() throws InterruptedException {
        // The broker's topics are left out: a consumer group committing on a timer moves them for ever.
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_SETTLE_MS);
        Map<TopicPartition, Long> last = endOffsets(partitions(name -> !TRANSACTION_TOPICS.contains(name)));
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_MS);
            final Map<TopicPartition, Long> now = endOffsets(partitions(name -> !TRANSACTION_TOPICS.contains(name)));
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
        System.out.printf("record budget: the counted topics still grew after %d s; counting anyway%n", MAX_SETTLE_MS / 1000);
    }

    private Mark read() {
        final List<TopicPartition> partitions = partitions(name -> true);
        return new Mark(endOffsets(partitions), logBytes(Set.copyOf(partitions)));
    }

    /** The partitions of every counted topic on the cluster that also passes {@code also}. */
    private List<TopicPartition> partitions(final Predicate<String> also) {
        final Set<String> names = get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names()).stream()
                .filter(counted).filter(also).collect(Collectors.toSet());
        if (names.isEmpty()) {
            return List.of();
        }
        final Map<String, TopicDescription> topics = get(admin.describeTopics(names).allTopicNames());
        return topics.values().stream()
                .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                .toList();
    }

    private Map<TopicPartition, Long> endOffsets(final List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        final Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return get(admin.listOffsets(latest).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Each partition's log size of its largest replica, so a replicated cluster counts one copy. */
    private Map<TopicPartition, Long> logBytes(final Set<TopicPartition> partitions) {
        final List<Integer> brokers = get(admin.describeCluster().nodes()).stream().map(Node::id).toList();
        final Map<TopicPartition, Long> sizes = new HashMap<>();
        for (final Map<String, LogDirDescription> dirs : get(admin.describeLogDirs(brokers).allDescriptions()).values()) {
            for (final LogDirDescription dir : dirs.values()) {
                for (final Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (partitions.contains(replica.getKey())) {
                        sizes.merge(replica.getKey(), replica.getValue().size(), Math::max);
                    }
                }
            }
        }
        return sizes;
    }

    private static <T> T get(final KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the cluster", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The cluster did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
