package io.bourse.portfolio.topology;

import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Store;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The portfolio topology, keyed by user: account commands, order commands, payment commands, deposit
 * claims and matching results each have a processor, all sharing the user's stores in one sub-topology
 * (the five input topics are co-partitioned). Instruments, tickers and deposit intents (by provider
 * order id) are global stores. Outputs: matching commands (key symbol), order events, ledger entries,
 * account events and payment events (key user), deposit intents (key provider order id). Matching
 * results are settled ahead of waiting commands ({@link ResultsFirst}).
 *
 * <p>A second sub-topology, the claim step keyed by provider payment id, turns verified provider
 * reports into claims for the intent's user ({@link ProviderPaymentClaimProcessor}); the user's
 * {@link DepositClaimProcessor} then reconciles and credits. Each topic keeps its one writer: the edge
 * writes payment commands and provider reports, the portfolio everything else.
 */
public final class PortfolioTopology {

    private static final String[] PROCESSORS = {PortfolioNames.APPLY_ACCOUNT_COMMANDS, PortfolioNames.RESERVE_FUNDS,
        PortfolioNames.APPLY_PAYMENTS, PortfolioNames.RECONCILE_DEPOSITS, PortfolioNames.SETTLE_RESULTS};

    /**
     * Stores whose keys are written once per command and not again before the commit (a processed
     * reference, a provider payment): a cache would have nothing to merge, would fill with them and
     * evict, flushing the other entries early. Every other store rewrites the same keys (a user's
     * balance, an order) many times between commits, and its cache sends only the last value.
     */
    private static final Set<Store<?>> WRITE_ONCE = Set.of(PortfolioNames.PROCESSED, PortfolioNames.PROVIDER_PAYMENTS,
            PortfolioNames.PARKED_PROVIDER_REPORTS);

    private PortfolioTopology() {
    }

    /** @param serdeConfig at least {@code schema.registry.url} */
    public static Topology build(final PortfolioConfig config, final Map<String, ?> serdeConfig) {
        final Topology topology = new Topology();
        source(topology, PortfolioNames.READ_ACCOUNT_COMMANDS, Topics.ACCOUNTS_COMMANDS, serdeConfig);
        source(topology, PortfolioNames.READ_ORDER_COMMANDS, Topics.ORDERS_COMMANDS, serdeConfig);
        source(topology, PortfolioNames.READ_PAYMENTS, Topics.PAYMENTS_COMMANDS, serdeConfig);
        source(topology, PortfolioNames.READ_DEPOSIT_CLAIMS, Topics.PAYMENTS_DEPOSIT_CLAIMS, serdeConfig);
        source(topology, PortfolioNames.READ_MATCHING_RESULTS, Topics.MATCHING_RESULTS, serdeConfig, new ResultsFirst());
        topology.addProcessor(PortfolioNames.APPLY_ACCOUNT_COMMANDS, AccountCommandProcessor::new, PortfolioNames.READ_ACCOUNT_COMMANDS);
        topology.addProcessor(PortfolioNames.RESERVE_FUNDS, () -> new OrderCommandProcessor(config), PortfolioNames.READ_ORDER_COMMANDS);
        topology.addProcessor(PortfolioNames.APPLY_PAYMENTS, () -> new PaymentProcessor(config), PortfolioNames.READ_PAYMENTS);
        topology.addProcessor(PortfolioNames.RECONCILE_DEPOSITS, DepositClaimProcessor::new, PortfolioNames.READ_DEPOSIT_CLAIMS);
        topology.addProcessor(PortfolioNames.SETTLE_RESULTS, SettlementProcessor::new, PortfolioNames.READ_MATCHING_RESULTS);
        for (final Store<?> store : PortfolioNames.STORES) {
            topology.addStateStore(store(store, serdeConfig), PROCESSORS);
        }
        global(topology, PortfolioNames.INSTRUMENTS_GLOBAL, PortfolioNames.READ_INSTRUMENTS, PortfolioNames.STORE_INSTRUMENTS,
                Topics.INSTRUMENTS, serdeConfig);
        global(topology, PortfolioNames.TICKERS_GLOBAL, PortfolioNames.READ_TICKERS, PortfolioNames.STORE_TICKERS,
                Topics.MARKET_TICKERS, serdeConfig);
        sink(topology, PortfolioNames.WRITE_LEDGER, Topics.PORTFOLIO_POSTINGS, serdeConfig);
        sink(topology, PortfolioNames.WRITE_ORDER_EVENTS, Topics.ORDERS_EVENTS, serdeConfig);
        sink(topology, PortfolioNames.WRITE_ACCOUNT_EVENTS, Topics.ACCOUNTS_EVENTS, serdeConfig);
        sink(topology, PortfolioNames.WRITE_MATCHING_COMMANDS, Topics.MATCHING_COMMANDS, serdeConfig);
        sink(topology, PortfolioNames.WRITE_PAYMENT_EVENTS, Topics.PAYMENTS_EVENTS, serdeConfig);
        sink(topology, PortfolioNames.WRITE_DEPOSIT_INTENTS, Topics.PAYMENTS_DEPOSIT_INTENTS, serdeConfig);
        global(topology, PortfolioNames.DEPOSIT_INTENTS_GLOBAL, PortfolioNames.READ_DEPOSIT_INTENTS, PortfolioNames.STORE_DEPOSIT_INTENTS,
                Topics.PAYMENTS_DEPOSIT_INTENTS, serdeConfig);
        claimStep(topology, serdeConfig);
        return topology;
    }

    /**
     * The claim step, its own sub-topology keyed by provider payment id: it reads the verified provider
     * reports and writes claims for the intents' users and unmatched reports, through sinks of its own
     * (a sink shared with the user-keyed processors would join the two sub-topologies into one).
     */
    private static void claimStep(final Topology topology, final Map<String, ?> serdeConfig) {
        source(topology, PortfolioNames.READ_PROVIDER_REPORTS, Topics.PAYMENTS_PROVIDER_REPORTS, serdeConfig);
        topology.addProcessor(PortfolioNames.CLAIM_PROVIDER_PAYMENTS, ProviderPaymentClaimProcessor::new,
                PortfolioNames.READ_PROVIDER_REPORTS);
        for (final Store<?> store : PortfolioNames.CLAIM_STORES) {
            topology.addStateStore(store(store, serdeConfig), PortfolioNames.CLAIM_PROVIDER_PAYMENTS);
        }
        sink(topology, PortfolioNames.WRITE_DEPOSIT_CLAIMS, Topics.PAYMENTS_DEPOSIT_CLAIMS, serdeConfig,
                PortfolioNames.CLAIM_PROVIDER_PAYMENTS);
        sink(topology, PortfolioNames.WRITE_UNMATCHED_PAYMENTS, Topics.PAYMENTS_EVENTS, serdeConfig,
                PortfolioNames.CLAIM_PROVIDER_PAYMENTS);
    }

    private static <V extends SpecificRecord> StoreBuilder<KeyValueStore<String, V>> store(final Store<V> store,
            final Map<String, ?> serdeConfig) {
        final StoreBuilder<KeyValueStore<String, V>> builder = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(store.name()), Serdes.String(), store.valueSerde(serdeConfig));
        return WRITE_ONCE.contains(store) ? builder : builder.withCachingEnabled();
    }

    private static void source(final Topology topology, final String name, final Topic<?> topic, final Map<String, ?> serdeConfig) {
        source(topology, name, topic, serdeConfig, null);
    }

    /**
     * @param extractor how the source ranks its records; {@code null}: by record timestamp, as configured
     *     (the offset reset, {@code null}, is the configured one too)
     */
    private static void source(final Topology topology, final String name, final Topic<?> topic, final Map<String, ?> serdeConfig,
            final TimestampExtractor extractor) {
        topology.addSource((AutoOffsetReset) null, name, extractor, topic.keySerde().deserializer(),
                topic.valueSerde(serdeConfig).deserializer(), topic.name());
    }

    private static <V extends SpecificRecord> void global(final Topology topology, final String store, final String source,
            final String processor, final Topic<V> topic, final Map<String, ?> serdeConfig) {
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                        topic.valueSerde(serdeConfig)).withLoggingDisabled(),
                source, topic.keySerde().deserializer(), topic.valueSerde(serdeConfig).deserializer(), topic.name(), processor,
                () -> new GlobalStoreUpdater<V>(store));
    }

    private static <V extends SpecificRecord> void sink(final Topology topology, final String name, final Topic<V> topic,
            final Map<String, ?> serdeConfig) {
        sink(topology, name, topic, serdeConfig, PROCESSORS);
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> void sink(final Topology topology, final String name, final Topic<V> topic,
            final Map<String, ?> serdeConfig, final String... parents) {
        topology.addSink(name, topic.name(), new StringSerializer(),
                (Serializer<SpecificRecord>) (Serializer<?>) topic.valueSerde(serdeConfig).serializer(), parents);
    }
}
