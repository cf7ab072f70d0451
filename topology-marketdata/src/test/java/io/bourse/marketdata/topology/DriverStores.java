package io.bourse.marketdata.topology;

import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** {@link MarketDataStores} over a {@link TopologyTestDriver}. */
final class DriverStores implements MarketDataStores {

    private final TopologyTestDriver driver;

    DriverStores(final TopologyTestDriver driver) {
        this.driver = driver;
    }

    @Override
    public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(final String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public <V> ReadOnlyWindowStore<String, V> windowStore(final String name) {
        return driver.getWindowStore(name);
    }
}
