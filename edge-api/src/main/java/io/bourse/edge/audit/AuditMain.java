package io.bourse.edge.audit;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.edge.infra.TopicReader;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * {@code bourse audit}: reads the ledger, order events, trades, payments and the portfolio's
 * positions changelog from the beginning (committed records only, up to their current end) and
 * checks every invariant. Prints each violation with its ids, and what the topologies have not yet
 * processed ({@link Backlog}); exits 0 only when there is no violation.
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
        final List<Backlog.Lag> backlog = Backlog.of(bootstrap, registry);
        out.accept(backlog.isEmpty() ? "Every topology has caught up: nothing in flight"
                : "Still in flight (a violation may be work in progress; audit again once the exchange is quiet):");
        backlog.forEach(lag -> out.accept("  " + lag));
        return violations;
    }

    private static <V> void read(final String bootstrap, final String topic, final Deserializer<V> values, final Consumer<V> sink) {
        TopicReader.readToEnd(bootstrap, topic, values, record -> {
            if (record.value() != null) {
                sink.accept(record.value());
            }
        });
    }

    private static <V> void readKeyed(final String bootstrap, final String topic, final Deserializer<V> values, final Map<String, V> latest) {
        TopicReader.readToEnd(bootstrap, topic, values, record -> {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        });
    }
}
