package io.bourse.matching.topology;

import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.catalogue.Store;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The matching topology: {@code matching.commands} (key symbol) → {@code match-orders} →
 * {@code matching.results} (key user), {@code trades.executed}, {@code market.book-updates} and
 * {@code instruments} (key symbol). One processor with two stores, so each input record is one
 * transaction under {@code exactly_once_v2}.
 */
public final class MatchingTopology {

    private MatchingTopology() {
    }

    /** @param serdeConfig at least {@code schema.registry.url} */
    public static Topology build(final Map<String, ?> serdeConfig) {
        final Topology topology = new Topology();
        topology.addSource(MatchingNames.READ_COMMANDS, Topics.MATCHING_COMMANDS.keySerde().deserializer(),
                Topics.MATCHING_COMMANDS.valueSerde(serdeConfig).deserializer(), Topics.MATCHING_COMMANDS.name());
        topology.addProcessor(MatchingNames.MATCH_ORDERS, MatchingProcessor::new, MatchingNames.READ_COMMANDS);
        topology.addStateStore(store(MatchingNames.RESTING_ORDERS, serdeConfig), MatchingNames.MATCH_ORDERS);
        topology.addStateStore(store(MatchingNames.SYMBOLS, serdeConfig), MatchingNames.MATCH_ORDERS);
        sink(topology, MatchingNames.WRITE_RESULTS, Topics.MATCHING_RESULTS, serdeConfig);
        sink(topology, MatchingNames.WRITE_TRADES, Topics.TRADES_EXECUTED, serdeConfig);
        sink(topology, MatchingNames.WRITE_BOOK_UPDATES, Topics.BOOK_UPDATES, serdeConfig);
        sink(topology, MatchingNames.WRITE_INSTRUMENTS, Topics.INSTRUMENTS, serdeConfig);
        return topology;
    }

    private static <V extends SpecificRecord> StoreBuilder<?> store(final Store<V> store, final Map<String, ?> serdeConfig) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store.name()), Serdes.String(),
                store.valueSerde(serdeConfig)).withCachingEnabled();
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> void sink(final Topology topology, final String name, final Topic<V> topic,
            final Map<String, ?> serdeConfig) {
        topology.addSink(name, topic.name(), new StringSerializer(),
                (Serializer<SpecificRecord>) (Serializer<?>) topic.valueSerde(serdeConfig).serializer(),
                MatchingNames.MATCH_ORDERS);
    }
}
