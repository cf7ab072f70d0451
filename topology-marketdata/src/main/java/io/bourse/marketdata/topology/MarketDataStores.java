package io.bourse.marketdata.topology;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Where {@link MarketDataQueries} finds the stores: a running {@link KafkaStreams} instance
 * ({@link #of}) or, in tests, a {@code TopologyTestDriver}.
 */
public interface MarketDataStores {

    /** The key-value store {@code name}. */
    <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name);

    /** The window store {@code name}. */
    <V> ReadOnlyWindowStore<String, V> windowStore(String name);

    /**
     * The local stores of {@code streams}. They hold only the symbols of this instance's partitions;
     * routing a query to the owner of a symbol ({@code KafkaStreams.queryMetadataForKey}) is the caller's job.
     */
    static MarketDataStores of(final KafkaStreams streams) {
        return new MarketDataStores() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(final String name) {
                return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
            }

            @Override
            public <V> ReadOnlyWindowStore<String, V> windowStore(final String name) {
                return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>windowStore()));
            }
        };
    }
}
