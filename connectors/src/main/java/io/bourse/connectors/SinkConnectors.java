package io.bourse.connectors;

import io.bourse.connectors.SinkConnector.Mode;
import io.bourse.connectors.database.JdbcTarget;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of JDBC sink connectors: every connector, named once, with the topic it reads and
 * the table it fills. Their dead-letter topic is {@link Topics#CONNECT_DEAD_LETTERS}.
 */
public final class SinkConnectors {

    /** Where the connector JSON files live on the classpath. */
    public static final String CONFIG_DIRECTORY = "sink-connectors";

    /** Environment variables the JSON files refer to as {@code ${env:NAME}}. */
    public static final String ENV_JDBC_URL = "BOURSE_JDBC_URL";
    public static final String ENV_JDBC_USER = "BOURSE_JDBC_USER";
    public static final String ENV_JDBC_PASSWORD = "BOURSE_JDBC_PASSWORD";
    public static final String ENV_SCHEMA_REGISTRY_URL = "BOURSE_SCHEMA_REGISTRY_URL";

    public static final SinkConnector TRADES =
            new SinkConnector("bourse-trades-sink", Topics.TRADES_EXECUTED, "trades", Mode.APPEND);
    public static final SinkConnector ORDER_EVENTS =
            new SinkConnector("bourse-order-events-sink", Topics.ORDERS_EVENTS, "order_events", Mode.APPEND);
    public static final SinkConnector ORDERS_LATEST =
            new SinkConnector("bourse-orders-latest-sink", Topics.ORDERS_EVENTS, "orders", Mode.LATEST_STATE);
    public static final SinkConnector LEDGER =
            new SinkConnector("bourse-ledger-sink", Topics.PORTFOLIO_POSTINGS, "ledger_entries", Mode.APPEND);
    public static final SinkConnector CANDLES =
            new SinkConnector("bourse-candles-sink", Topics.MARKET_CANDLES, "candles", Mode.LATEST_STATE);
    public static final SinkConnector PAYMENTS =
            new SinkConnector("bourse-payments-sink", Topics.PAYMENTS_EVENTS, "payment_events", Mode.APPEND);
    public static final SinkConnector ACCOUNT_EVENTS =
            new SinkConnector("bourse-account-events-sink", Topics.ACCOUNTS_EVENTS, "account_events", Mode.APPEND);

    public static final List<SinkConnector> ALL =
            List.of(TRADES, ORDER_EVENTS, ORDERS_LATEST, LEDGER, CANDLES, PAYMENTS, ACCOUNT_EVENTS);

    private SinkConnectors() {
    }

    public static Optional<SinkConnector> byName(final String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The connector's configuration for the in-process worker: the database and registry given
     * here (with the registry's credentials, if it has any) instead of the {@code ${env:...}}
     * placeholders, {@link BourseAvroConverter} instead of Confluent's (which is not on Maven
     * Central), one task, and a dead-letter topic with {@code replicationFactor} replicas (1 on the
     * embedded broker). Everything else — topics, table, keys, column mapping, error handling — is
     * the cluster's configuration unchanged.
     */
    public static Map<String, String> embeddedConfig(final SinkConnector connector, final JdbcTarget database,
            final KafkaEndpoints cluster, final short replicationFactor) {
        final Map<String, String> config = new LinkedHashMap<>(connector.config());
        config.put("connection.url", database.url());
        putOrRemove(config, "connection.username", database.user());
        putOrRemove(config, "connection.password", database.password());
        config.put("value.converter", BourseAvroConverter.class.getName());
        cluster.serdeConfig().forEach((key, value) -> config.put("value.converter." + key, value.toString()));
        config.put("tasks.max", "1");
        config.put("errors.deadletterqueue.topic.replication.factor", String.valueOf(replicationFactor));
        config.forEach((key, value) -> {
            if (value.contains("${")) {
                throw new IllegalStateException("Connector " + connector.name() + " setting " + key
                        + " has a placeholder the embedded worker does not fill: " + value);
            }
        });
        return config;
    }

    private static void putOrRemove(final Map<String, String> config, final String key, final String value) {
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
    }
}
