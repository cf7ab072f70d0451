package io.bourse.notifications.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's in-app inbox as it is shown: newest first. The topology keeps it as a bounded ring of
 * entries in its store and builds this view when the inbox is read.
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

    /** The inbox of {@code entries} in any order, shown newest first. */
    public static Inbox of(final Collection<Entry> entries) {
        final List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(NEWEST_FIRST);
        return new Inbox(sorted);
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
