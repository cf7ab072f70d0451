package io.bourse.notifications.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's in-app inbox: newest first, each notification id at most once, at most {@code capacity}
 * entries (the oldest fall out). Adding an id already held, or one older than everything a full inbox
 * holds, changes nothing, so feeding the same notification twice (a replay, a redelivery) never doubles
 * it.
 *
 * @param entries newest first (by creation time, then id, so the order does not depend on arrival)
 */
public record Inbox(List<Entry> entries) {

    /** One in-app notification. */
    public record Entry(String notificationId, NotificationKind kind, String subject, String text, Instant createdAt, boolean read) {
        public Entry {
            Objects.requireNonNull(notificationId, "notificationId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    private static final Comparator<Entry> NEWEST_FIRST =
            Comparator.comparing(Entry::createdAt).reversed().thenComparing(Entry::notificationId);

    public static final Inbox EMPTY = new Inbox(List.of());

    public Inbox {
        entries = List.copyOf(entries);
    }

    /** The inbox with {@code entry} added, or this one if it already holds the id or it falls past {@code capacity}. */
    public Inbox add(final Entry entry, final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        if (find(entry.notificationId()).isPresent()) {
            return this;
        }
        final List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        next.sort(NEWEST_FIRST);
        final List<Entry> kept = next.size() > capacity ? next.subList(0, capacity) : next;
        return kept.contains(entry) ? new Inbox(kept) : this;
    }

    /** The inbox with {@code notificationId} read; this one if it holds no such id or it is read already. */
    public Inbox markRead(final String notificationId) {
        final Optional<Entry> found = find(notificationId);
        if (found.isEmpty() || found.get().read()) {
            return this;
        }
        return new Inbox(entries.stream().map(e -> e.notificationId().equals(notificationId)
                ? new Entry(e.notificationId(), e.kind(), e.subject(), e.text(), e.createdAt(), true) : e).toList());
    }

    public Optional<Entry> find(final String notificationId) {
        return entries.stream().filter(e -> e.notificationId().equals(notificationId)).findFirst();
    }

    public int unread() {
        return (int) entries.stream().filter(e -> !e.read()).count();
    }

    /** Page {@code page} (from 0) of {@code size} entries, newest first. */
    public List<Entry> page(final int page, final int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be at least 0 and size at least 1");
        }
        final long from = (long) page * size;
        if (from >= entries.size()) {
            return List.of();
        }
        return entries.subList((int) from, (int) Math.min(entries.size(), from + size));
    }
}
