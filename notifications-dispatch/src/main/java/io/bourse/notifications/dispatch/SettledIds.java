package io.bourse.notifications.dispatch;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The notification ids settled (a status written) per partition of {@code notifications}, newest kept,
 * at most {@code capacity} per partition. A replay after a crash only reaches back to the last offset
 * commit, so the newest few suffice. Thread-safe: the channel workers add, the polling thread looks up.
 */
final class SettledIds {

    private final int capacity;
    private final Map<Integer, LinkedHashSet<String>> byPartition = new HashMap<>();

    SettledIds(final int capacity) {
        this.capacity = capacity;
    }

    synchronized boolean contains(final int partition, final String id) {
        final LinkedHashSet<String> ids = byPartition.get(partition);
        return ids != null && ids.contains(id);
    }

    synchronized void add(final int partition, final String id) {
        final LinkedHashSet<String> ids = byPartition.computeIfAbsent(partition, p -> new LinkedHashSet<>());
        ids.add(id);
        while (ids.size() > capacity) {
            ids.remove(ids.iterator().next());
        }
    }

    synchronized void forget(final int partition) {
        byPartition.remove(partition);
    }
}
