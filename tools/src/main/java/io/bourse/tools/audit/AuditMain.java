package io.bourse.tools.audit;

import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.LoggerFactory;

/**
 * {@code bourse audit}: fixes a cut ({@link AuditCut}: every partition's end offset at one moment),
 * reads the payments, order events, ledger and the portfolio's positions changelog up to it one user
 * partition at a time, then the trades, and checks every invariant ({@link AuditChecks}). Runs on a
 * live exchange: a trade side the portfolio had not settled at the cut is reported as in flight,
 * not as a violation, when its matching result is waiting past the portfolio's committed offset.
 * A record that cannot be decoded (or used) is skipped and reported with its topic, partition and
 * offset; it never stops the audit.
 *
 * <p>Exit code: 0 every invariant holds (skipped records are reported, not failed), 1 violations,
 * 2 the audit could not run (cluster or registry unreachable).
 *
 * <p>Usage: {@code java -jar bourse-node.jar audit [bootstrap-servers] [schema-registry-url]}
 * (defaults: {@code localhost:9092}, {@code http://localhost:8081}). A secured cluster takes the
 * environment variables a node takes ({@code BOURSE_KAFKA_CLIENT_*} for SASL or TLS,
 * {@code BOURSE_SCHEMA_REGISTRY_USER_INFO} for a registry behind basic auth).
 */
public final class AuditMain {

    /** Skipped records listed one by one; the rest are counted. */
    static final int SKIPPED_LISTED = 20;
    private static final Duration STALL = Duration.ofSeconds(60);
    /** How long the ledger is read past the cut for entries committed before it (an open transaction lasts a commit interval). */
    private static final Duration PAST_CUT = Duration.ofSeconds(15);

    /** A record the audit could not decode or use. */
    public record Skipped(String topic, int partition, long offset, String reason) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + ": " + reason;
        }
    }

    /**
     * What an audit found.
     *
     * @param skippedCount records skipped, of which {@code skipped} lists the first few
     * @param resultsInFlight matching results written before the cut that the portfolio had not processed
     */
    public record Report(List<AuditChecks.Violation> violations, long records, long skippedCount, List<Skipped> skipped,
            long resultsInFlight, long sidesExcused) {
    }

    private AuditMain() {
    }

    public static void main(final String[] args) {
        quietKafkaClients();
        final String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        final String registry = args.length > 1 ? args[1] : "http://localhost:8081";
        int status;
        try {
            status = audit(KafkaEndpoints.fromEnvironment(bootstrap, registry, System.getenv()), System.out::println)
                    .violations().isEmpty() ? 0 : 1;
        } catch (final RuntimeException e) {
            System.err.println("The audit could not run: " + e);
            status = 2;
        }
        System.exit(status);
    }

    /** Runs the audit; {@code out} receives the report lines. */
    public static List<AuditChecks.Violation> run(final String bootstrap, final String registry, final Consumer<String> out) {
        return audit(bootstrap, registry, out).violations();
    }

    /** Runs the audit on a cluster and registry that take plain connections; {@code out} receives the report lines. */
    public static Report audit(final String bootstrap, final String registry, final Consumer<String> out) {
        return audit(new KafkaEndpoints(bootstrap, registry), out);
    }

    /** Runs the audit with {@code endpoints}' client settings and registry credentials; {@code out} receives the report lines. */
    public static Report audit(final KafkaEndpoints endpoints, final Consumer<String> out) {
        final long started = System.nanoTime();
        final Map<String, Object> serde = endpoints.serdeConfig();
        final AuditChecks checks = new AuditChecks();
        final String changelog = PortfolioNames.APPLICATION_ID + "-" + PortfolioNames.POSITIONS.name() + "-changelog";
        final Reader reader;
        final AuditCut cut;
        try (Admin admin = Admin.create(endpoints.clientConfig(Map.of()));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(endpoints.clientConfig(Map.of(
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                        // One partition after another: a fetch left waiting at the end of the last one delays the next by this much.
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            cut = AuditCut.take(admin, consumer, List.of(Topics.PAYMENTS_EVENTS.name(), Topics.ORDERS_EVENTS.name(),
                    Topics.PORTFOLIO_POSTINGS.name(), changelog, Topics.TRADES_EXECUTED.name(), Topics.MATCHING_RESULTS.name()));
            reader = new Reader(consumer, cut);
            final Deserializer<PaymentEvent> payments = Topics.PAYMENTS_EVENTS.valueSerde(serde).deserializer();
            final Deserializer<OrderEvent> events = Topics.ORDERS_EVENTS.valueSerde(serde).deserializer();
            final Deserializer<LedgerPosting> ledger = Topics.PORTFOLIO_POSTINGS.valueSerde(serde).deserializer();
            final Deserializer<PositionSnapshot> positions = PortfolioNames.POSITIONS.valueSerde(serde).deserializer();
            final List<TopicPartition> ledgerPartitions = cut.partitions(Topics.PORTFOLIO_POSTINGS.name());
            final List<TopicPartition> changelogPartitions = cut.partitions(changelog);
            if (!changelogPartitions.isEmpty()) {
                checks.expectStoredPositions();
            }
            // All user-keyed topics have the same partition count: partition p of each holds the same users.
            final int userPartitions = Math.max(ledgerPartitions.size(), cut.partitions(Topics.ORDERS_EVENTS.name()).size());
            // Store entries whose ledger is in another partition (the fee accounts) are read first.
            for (final TopicPartition partition : changelogPartitions) {
                final Map<String, PositionSnapshot> latest = new HashMap<>();
                reader.readWithTombstones(partition, positions, (k, v) -> {
                    if (k != null && ledgerPartition(k, userPartitions) != partition.partition()) {
                        latest.put(k, v);
                    }
                });
                latest.values().stream().filter(v -> v != null).forEach(checks::storedPositionOfAnotherPartition);
            }
            for (int p = 0; p < userPartitions; p++) {
                final int partition = p;
                reader.read(new TopicPartition(Topics.PAYMENTS_EVENTS.name(), p), payments, (k, v) -> checks.payment(v));
                // Order events before the ledger: an order's reservation then finds it already closed, so only open orders are kept.
                reader.read(new TopicPartition(Topics.ORDERS_EVENTS.name(), p), events, (k, v) -> checks.orderEvent(v));
                final Map<String, PositionSnapshot> latest = new HashMap<>();
                // Read a second time: its bad records were counted the first time.
                reader.countSkips = false;
                reader.readWithTombstones(new TopicPartition(changelog, p), positions, (k, v) -> {
                    if (k == null || ledgerPartition(k, userPartitions) != partition) {
                        return;
                    }
                    if (v == null) {
                        latest.remove(k);
                    } else {
                        latest.put(k, v);
                    }
                });
                reader.countSkips = true;
                latest.values().forEach(checks::storedPosition);
                final TopicPartition ledgerPartition = new TopicPartition(Topics.PORTFOLIO_POSTINGS.name(), p);
                reader.read(ledgerPartition, ledger, (k, v) -> v.getEntries().forEach(checks::ledger));
                if (checks.positionsBehindLedger() > 0) {
                    // The cut may fall between a transaction's commit in the ledger and in the changelog: read the
                    // changelog on (its own partition first, then those of store entries kept elsewhere) to now.
                    final List<TopicPartition> storeTails = new ArrayList<>(changelogPartitions);
                    storeTails.sort((a, b) -> Boolean.compare(a.partition() != partition, b.partition() != partition));
                    reader.countSkips = false;
                    for (final TopicPartition storeTail : storeTails) {
                        if (checks.positionsStillBehindLedger() == 0) {
                            break;
                        }
                        reader.readPastCutToNow(storeTail, positions, (k, v) -> {
                            if (v != null) {
                                checks.storeTail(v);
                            }
                        });
                    }
                    reader.countSkips = true;
                }
                if (checks.usersBehindStore() > 0) {
                    reader.readPastCut(ledgerPartition, ledger, (k, v) -> v.getEntries().forEach(checks::ledgerTail), () -> checks.usersStillBehind() == 0);
                }
                checks.endPartition();
            }
            final Deserializer<Trade> trades = Topics.TRADES_EXECUTED.valueSerde(serde).deserializer();
            for (final TopicPartition partition : cut.partitions(Topics.TRADES_EXECUTED.name())) {
                reader.read(partition, trades, (k, v) -> checks.trade(v));
            }
            final Deserializer<MatchingResult> results = Topics.MATCHING_RESULTS.valueSerde(serde).deserializer();
            // Up to now rather than the cut: a result committed before the cut can sit behind another
            // task's open transaction; one of a later transaction names no trade of the cut, so it excuses nothing.
            final Map<TopicPartition, Long> now = consumer.endOffsets(cut.settledResults().keySet(), Duration.ofSeconds(30));
            for (final Map.Entry<TopicPartition, Long> settled : cut.settledResults().entrySet()) {
                reader.read(settled.getKey(), settled.getValue(), now.get(settled.getKey()), results, (k, v) -> {
                    if (v != null) {
                        checks.inFlight(v);
                    }
                });
            }
        }
        final List<AuditChecks.Violation> violations = checks.violations();
        final double seconds = (System.nanoTime() - started) / 1e9;
        out.accept("Audited " + checks.records() + " records (" + checks.ordersClosed() + " closed orders) up to one cut in "
                + "%.1f s: ".formatted(seconds) + (violations.isEmpty() ? "every invariant holds" : violations.size() + " violation(s)"));
        violations.forEach(v -> out.accept("  " + v));
        out.accept("In flight at the cut: " + cut.resultsInFlight() + " matching result(s) not yet settled by the portfolio; "
                + checks.ledgerTailEntries() + " ledger entries committed before the cut read past it (they sat behind another "
                + "task's open transaction); " + checks.storeTailRecords() + " stored position(s) read past the cut (the cut fell "
                + "between their transaction's commit in the ledger and in the changelog); " + checks.excusedInFlightCount()
                + " trade side(s) judged as in flight rather than missing"
                + (checks.excusedInFlight().isEmpty() ? "" : ", e.g.:"));
        checks.excusedInFlight().forEach(s -> out.accept("  " + s));
        if (reader.skippedCount > 0) {
            out.accept("Skipped " + reader.skippedCount + " record(s) that could not be decoded or used (not judged):");
            reader.skipped.forEach(s -> out.accept("  " + s));
            if (reader.skippedCount > reader.skipped.size()) {
                out.accept("  and " + (reader.skippedCount - reader.skipped.size()) + " more");
            }
        }
        return new Report(violations, checks.records(), reader.skippedCount, List.copyOf(reader.skipped), cut.resultsInFlight(),
                checks.excusedInFlightCount());
    }

    /** The ledger partition of the user of a positions-store key ({@code <userId>NUL<asset>}), as the default partitioner places it. */
    static int ledgerPartition(final String storeKey, final int partitions) {
        final int nul = storeKey.indexOf('\0');
        final String userId = nul < 0 ? storeKey : storeKey.substring(0, nul);
        return BuiltInPartitioner.partitionForKey(userId.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** Kafka's clients log their whole configuration at INFO; the audit's output is its report. */
    static void quietKafkaClients() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
            context.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** A key (as text) and value; the value is null for a tombstone. */
    @FunctionalInterface
    private interface Sink<V> {
        void accept(String key, V value);
    }

    /** Reads partitions up to the cut, decoding each record on its own so a bad one is skipped, not fatal. */
    private static final class Reader {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final AuditCut cut;
        private final List<Skipped> skipped = new ArrayList<>();
        private long skippedCount;
        private boolean countSkips = true;

        Reader(final KafkaConsumer<byte[], byte[]> consumer, final AuditCut cut) {
            this.consumer = consumer;
            this.cut = cut;
        }

        <V> void read(final TopicPartition partition, final Deserializer<V> values, final Sink<V> sink) {
            read(partition, cut.begin().get(partition), values, (k, v) -> {
                if (v != null) {
                    sink.accept(k, v);
                }
            });
        }

        <V> void readWithTombstones(final TopicPartition partition, final Deserializer<V> values, final Sink<V> sink) {
            read(partition, cut.begin().get(partition), values, sink);
        }

        <V> void read(final TopicPartition partition, final Long from, final Deserializer<V> values, final Sink<V> sink) {
            read(partition, from, cut.end().get(partition), values, sink);
        }

        /** Reads on from the cut up to the partition's end offset (last stable offset) now. */
        <V> void readPastCutToNow(final TopicPartition partition, final Deserializer<V> values, final Sink<V> sink) {
            final Long from = cut.end().get(partition);
            if (from == null) {
                return;
            }
            read(partition, from, consumer.endOffsets(List.of(partition), STALL).get(partition), values, sink);
        }

        /** Reads on from the cut until {@code done} or {@link #PAST_CUT} has passed. */
        <V> void readPastCut(final TopicPartition partition, final Deserializer<V> values, final Sink<V> sink,
                final BooleanSupplier done) {
            final Long from = cut.end().get(partition);
            if (from == null) {
                return;
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            final long deadline = System.nanoTime() + PAST_CUT.toNanos();
            while (!done.getAsBoolean() && System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    accept(record, values, (k, v) -> {
                        if (v != null) {
                            sink.accept(k, v);
                        }
                    });
                    if (done.getAsBoolean()) {
                        return;
                    }
                }
            }
        }

        <V> void read(final TopicPartition partition, final Long from, final Long end, final Deserializer<V> values, final Sink<V> sink) {
            if (end == null || from == null || from >= end) {
                return;
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long progressAt = System.nanoTime();
            long position = from;
            while (position < end) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end) {
                        break;
                    }
                    accept(record, values, sink);
                }
                final long now = consumer.position(partition);
                if (now > position) {
                    position = now;
                    progressAt = System.nanoTime();
                } else if (System.nanoTime() - progressAt > STALL.toNanos()) {
                    throw new IllegalStateException("No progress reading " + partition + " at offset " + position + " for " + STALL);
                }
            }
        }

        private <V> void accept(final ConsumerRecord<byte[], byte[]> record, final Deserializer<V> values, final Sink<V> sink) {
            final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            final V value;
            try {
                value = values.deserialize(record.topic(), record.headers(), record.value());
            } catch (final SchemaRegistryUnavailableException e) {
                throw e;
            } catch (final RuntimeException e) {
                skip(record, "undecodable: " + e.getClass().getSimpleName());
                return;
            }
            try {
                sink.accept(key, value);
            } catch (final RuntimeException e) {
                skip(record, "unusable " + (value == null ? "tombstone" : value.getClass().getSimpleName()) + ": " + e);
            }
        }

        private void skip(final ConsumerRecord<?, ?> record, final String reason) {
            if (!countSkips) {
                return;
            }
            skippedCount++;
            if (skipped.size() < SKIPPED_LISTED) {
                skipped.add(new Skipped(record.topic(), record.partition(), record.offset(), reason));
            }
        }
    }
}
