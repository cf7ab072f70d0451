package io.bourse.marketdata.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Reads that a store's own interface lacks. */
final class StoreEntries {

    private StoreEntries() {
    }

    /** Every entry of {@code store}, deleted from it as they are returned: the caller acts on them. */
    static <V> List<KeyValue<String, V>> takeAll(final KeyValueStore<String, V> store) {
        final List<KeyValue<String, V>> taken = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(taken::add);
        }
        for (final KeyValue<String, V> entry : taken) {
            store.delete(entry.key);
        }
        return taken;
    }
}
