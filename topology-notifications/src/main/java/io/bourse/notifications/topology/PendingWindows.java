package io.bourse.notifications.topology;

import io.bourse.avro.notifications.PendingFills;
import io.bourse.notifications.core.Conflation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's open conflation windows: kept in the pending-fills store, whose changelog restores them, and
 * mirrored in memory by order and by the instant each closes, so that reading an order's window and
 * finding the due ones touch no RocksDB. Scanning the store on every punctuation instead took a third of
 * the notifications thread at 3,500 orders/s: each closed window leaves a tombstone that every later scan
 * steps over until RocksDB compacts it.
 *
 * <p>Only {@link OrderEventProcessor} writes the store, and only through this class. The mirror is loaded
 * from the store when the processor is initialised, which Kafka Streams does after restoring the task's
 * state, and again after it wipes and restores a task whose transaction was aborted: it never holds what
 * the store does not.
 */
final class PendingWindows {

    private static final char SEPARATOR = '\0';

    /** The store's own order: its keys are UTF-8 strings compared as unsigned bytes. */
    private static final Comparator<String> STORE_ORDER = Comparator.comparing(
            (String key) -> key.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    /** Any order among windows closing at one instant will do: {@link #due} puts its result in the store's order. */
    private static final Comparator<Open> BY_CLOSE = Comparator.comparing((Open o) -> o.window().closesAt())
            .thenComparing(Open::key);

    /** An open window, the user it belongs to and its key in the store. */
    record Open(String key, String userId, Conflation.Window window) {
    }

    private final KeyValueStore<String, PendingFills> store;
    private final Map<String, Open> byKey = new HashMap<>();
    private final NavigableSet<Open> byClose = new TreeSet<>(BY_CLOSE);

    private PendingWindows(final KeyValueStore<String, PendingFills> store) {
        this.store = store;
    }

    /** Mirrors every window in {@code store}. */
    static PendingWindows load(final KeyValueStore<String, PendingFills> store) {
        final PendingWindows windows = new PendingWindows(store);
        try (KeyValueIterator<String, PendingFills> it = store.all()) {
            it.forEachRemaining(entry -> windows.remember(
                    new Open(entry.key, entry.value.getUserId(), NotificationsMapping.window(entry.value))));
        }
        return windows;
    }

    Optional<Conflation.Window> get(final String userId, final String orderId) {
        return Optional.ofNullable(byKey.get(key(userId, orderId))).map(Open::window);
    }

    /** Stores the order's open window, or removes it when {@code window} is empty. */
    void save(final String userId, final String orderId, final Optional<Conflation.Window> window) {
        final String key = key(userId, orderId);
        final Open before = byKey.remove(key);
        if (before != null) {
            byClose.remove(before);
        }
        if (window.isPresent()) {
            remember(new Open(key, userId, window.get()));
            store.put(key, NotificationsMapping.pendingFills(userId, window.get()));
        } else if (before != null) {
            store.delete(key);
        }
    }

    /** The windows {@code conflation} finds due at {@code now}, in the store's key order. */
    List<Open> due(final Conflation conflation, final Instant now) {
        final List<Open> due = new ArrayList<>();
        final Iterator<Open> earliest = byClose.iterator();
        while (earliest.hasNext()) {
            final Open open = earliest.next();
            if (conflation.due(open.window(), now).isEmpty()) {
                break;
            }
            due.add(open);
        }
        due.sort(Comparator.comparing(Open::key, STORE_ORDER));
        return due;
    }

    private void remember(final Open open) {
        byKey.put(open.key(), open);
        byClose.add(open);
    }

    private static String key(final String userId, final String orderId) {
        return userId + SEPARATOR + orderId;
    }
}
