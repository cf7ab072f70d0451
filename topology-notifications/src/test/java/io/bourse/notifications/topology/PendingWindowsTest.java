package io.bourse.notifications.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.notifications.PendingFills;
import io.bourse.notifications.core.Conflation;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.testing.streams.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory mirror against the store it mirrors: whatever is saved, reading an order's window and
 * finding the due ones give what reading and scanning the store would (how the punctuation found them
 * before the mirror), and a mirror loaded from the store afterwards is the same.
 */
class PendingWindowsTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final Conflation CONFLATION = new Conflation(Duration.ofSeconds(2));

    private final TopologyHarness harness = new TopologyHarness("pending-windows");
    private KeyValueStore<String, PendingFills> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(NotificationsNames.PENDING_FILLS.name()),
                        Serdes.String(), NotificationsNames.PENDING_FILLS.valueSerde(harness.serdeConfig()))
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @AfterEach
    void closeStore() {
        store.close();
        harness.close();
    }

    @Test
    void shouldFindWhatTheStoreHoldsWhenLoaded() {
        store.put("u-b\0o2", NotificationsMapping.pendingFills("u-b", window("o2", 5)));
        store.put("u-a\0o1", NotificationsMapping.pendingFills("u-a", window("o1", 3)));

        final PendingWindows windows = PendingWindows.load(store);

        assertThat(windows.get("u-a", "o1")).contains(window("o1", 3));
        assertThat(windows.get("u-a", "o2")).isEmpty();
        assertThat(windows.due(CONFLATION, START.plusSeconds(4))).extracting(PendingWindows.Open::userId).containsExactly("u-a");
        assertThat(windows.due(CONFLATION, START.plusSeconds(5))).extracting(PendingWindows.Open::userId)
                .containsExactly("u-a", "u-b");
    }

    @Test
    void shouldNoLongerFindAWindowDueAtItsOldEndOnceItMoved() {
        final PendingWindows windows = PendingWindows.load(store);
        windows.save("u-a", "o1", Optional.of(window("o1", 2)));
        windows.save("u-a", "o1", Optional.of(window("o1", 9)));

        assertThat(windows.due(CONFLATION, START.plusSeconds(5))).isEmpty();
        assertThat(windows.due(CONFLATION, START.plusSeconds(9))).extracting(o -> o.window().closesAt())
                .containsExactly(START.plusSeconds(9));
        assertThat(NotificationsMapping.window(store.get("u-a\0o1"))).isEqualTo(window("o1", 9));
    }

    @Test
    void shouldAgreeWithTheStoreOverSeededRandomSaves() {
        final long seed = new Random().nextLong();
        System.out.println("PendingWindowsTest seed " + seed);
        final Random random = new Random(seed);
        final PendingWindows windows = PendingWindows.load(store);
        for (int step = 0; step < 5_000; step++) {
            final String userId = "u-" + random.nextInt(8);
            final String orderId = "o" + random.nextInt(40);
            final Optional<Conflation.Window> window = random.nextInt(3) == 0 ? Optional.empty()
                    : Optional.of(window(orderId, random.nextInt(30)));
            windows.save(userId, orderId, window);

            final Instant now = START.plusSeconds(random.nextInt(32));
            assertThat(windows.get(userId, orderId)).as("seed %d step %d", seed, step)
                    .isEqualTo(Optional.ofNullable(store.get(userId + "\0" + orderId)).map(NotificationsMapping::window));
            assertThat(keys(windows.due(CONFLATION, now))).as("seed %d step %d", seed, step).isEqualTo(dueInStore(now));
        }
        final Instant end = START.plusSeconds(31);
        assertThat(keys(PendingWindows.load(store).due(CONFLATION, end))).isEqualTo(keys(windows.due(CONFLATION, end)))
                .isEqualTo(dueInStore(end));
    }

    /** The due windows as the punctuation found them before the mirror: a scan of the store, in key order. */
    private List<String> dueInStore(final Instant now) {
        final List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, PendingFills> it = store.all()) {
            it.forEachRemaining(entry -> CONFLATION.due(NotificationsMapping.window(entry.value), now)
                    .ifPresent(w -> due.add(entry.key)));
        }
        return due;
    }

    private static List<String> keys(final List<PendingWindows.Open> open) {
        return open.stream().map(PendingWindows.Open::key).toList();
    }

    private static Conflation.Window window(final String orderId, final int closesAfterSeconds) {
        return new Conflation.Window(orderId, "INFY", "BUY", orderId + "-first", START, START.plusSeconds(closesAfterSeconds),
                1, 10, 1_520_000, 100, 10);
    }
}
