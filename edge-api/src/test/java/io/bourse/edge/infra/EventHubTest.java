package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.orders.OrderEvent;
import io.bourse.schemas.catalogue.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** The hub decodes a record only for listeners that want its key, and once however many want it. */
class EventHubTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final Deserializer<OrderEvent> counting = (topic, bytes) -> {
        decodes.incrementAndGet();
        if (bytes.length == 0) {
            throw new IllegalArgumentException("unreadable");
        }
        return new OrderEvent();
    };
    private final EventHub hub = new EventHub(null);

    @Test
    void shouldNotDecodeARecordNoListenerWants() {
        final List<String> seen = new ArrayList<>();
        hub.subscribe(Topics.ORDERS_EVENTS, key -> key.equals("alice"), (key, event) -> seen.add(key));

        hub.dispatch(record("bob", "bob"), counting);
        // Unreadable, but nobody here wants it: not even decoded, so not even a warning.
        hub.dispatch(record("carol", ""), counting);

        assertThat(decodes).hasValue(0);
        assertThat(seen).isEmpty();
    }

    @Test
    void shouldDecodeOnceForEveryListenerThatWantsTheKey() {
        final List<String> first = new ArrayList<>();
        final List<String> second = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        hub.subscribe(Topics.ORDERS_EVENTS, key -> key.equals("alice"), (key, event) -> first.add(key));
        hub.subscribe(Topics.ORDERS_EVENTS, (key, event) -> second.add(key));
        hub.subscribe(Topics.TRADES_EXECUTED, (key, event) -> other.add(key));

        hub.dispatch(record("alice", "alice"), counting);
        hub.dispatch(record("bob", "bob"), counting);

        assertThat(decodes).hasValue(2);
        assertThat(first).containsExactly("alice");
        assertThat(second).containsExactly("alice", "bob");
        assertThat(other).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> record(final String key, final String value) {
        return new ConsumerRecord<>(Topics.ORDERS_EVENTS.name(), 0, 0L, key, value.getBytes());
    }
}
