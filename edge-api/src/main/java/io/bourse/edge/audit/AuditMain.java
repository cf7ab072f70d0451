package io.bourse.edge.audit;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code bourse audit}: reads the ledger, order events, trades, payments and the portfolio's
 * positions changelog from the beginning (committed records only, up to their current end) and
 * checks every invariant. Prints each violation with its ids; exits 0 only when there is none.
 *
 * <p>Usage: {@code java -jar bourse-node.jar audit [bootstrap-servers] [schema-registry-url]}
 * (defaults: {@code localhost:9092}, {@code http://localhost:8081}).
 */
public final class AuditMain {

    private AuditMain() {
    }

    public static void main(final String[] args) {
        final String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        final String registry = args.length > 1 ? args[1] : "http://localhost:8081";
        final List<AuditChecks.Violation> violations = run(bootstrap, registry, System.out::println);
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    /** Runs the audit; {@code out} receives the report lines. */
    public static List<AuditChecks.Violation> run(final String bootstrap, final String registry, final Consumer<String> out) {
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry);
        final AuditChecks checks = new AuditChecks();
        read(bootstrap, Topics.PAYMENTS_EVENTS.name(), Topics.PAYMENTS_EVENTS.valueSerde(serde).deserializer(),
                (PaymentEvent p) -> checks.payment(p));
        read(bootstrap, Topics.PORTFOLIO_LEDGER.name(), Topics.PORTFOLIO_LEDGER.valueSerde(serde).deserializer(),
                (LedgerEntry e) -> checks.ledger(e));
        read(bootstrap, Topics.TRADES_EXECUTED.name(), Topics.TRADES_EXECUTED.valueSerde(serde).deserializer(), (Trade t) -> checks.trade(t));
        read(bootstrap, Topics.ORDERS_EVENTS.name(), Topics.ORDERS_EVENTS.valueSerde(serde).deserializer(),
                (OrderEvent e) -> checks.orderEvent(e));
        final String changelog = PortfolioNames.APPLICATION_ID + "-" + PortfolioNames.POSITIONS.name() + "-changelog";
        final Map<String, PositionSnapshot> latest = new HashMap<>();
        readKeyed(bootstrap, changelog, PortfolioNames.POSITIONS.valueSerde(serde).deserializer(), latest);
        latest.values().forEach(checks::storedPosition);
        final List<AuditChecks.Violation> violations = checks.violations();
        out.accept("Audited " + checks.records() + " records and " + latest.size() + " stored positions: "
                + (violations.isEmpty() ? "every invariant holds" : violations.size() + " violation(s)"));
        violations.forEach(v -> out.accept("  " + v));
        return violations;
    }

    private static <V> void read(final String bootstrap, final String topic, final Deserializer<V> values, final Consumer<V> sink) {
        consume(bootstrap, topic, values, record -> {
            if (record.value() != null) {
                sink.accept(record.value());
            }
        });
    }

    private static <V> void readKeyed(final String bootstrap, final String topic, final Deserializer<V> values, final Map<String, V> latest) {
        consume(bootstrap, topic, values, record -> {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        });
    }

    /** Every committed record of {@code topic}, partition by partition in offset order. */
    private static <V> void consume(final String bootstrap, final String topic, final Deserializer<V> values,
            final Consumer<ConsumerRecord<String, V>> sink) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new StringDeserializer(), values)) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                return;
            }
            for (final PartitionInfo info : infos) {
                final TopicPartition partition = new TopicPartition(topic, info.partition());
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                final long end = consumer.endOffsets(List.of(partition)).get(partition);
                while (consumer.position(partition) < end) {
                    consumer.poll(Duration.ofMillis(500)).forEach(sink);
                }
            }
        }
    }

}
