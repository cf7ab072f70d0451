package io.bourse.notifications.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboxTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static Inbox.Entry entry(final String id, final int second) {
        return new Inbox.Entry(id, NotificationKind.ORDER_FILLED, "Filled", "text " + id, T.plusSeconds(second), false);
    }

    @Test
    void shouldKeepNewestFirstWhateverTheArrivalOrder() {
        final Inbox inbox = Inbox.EMPTY.add(entry("b", 2), 10).add(entry("a", 1), 10).add(entry("c", 3), 10);

        assertThat(inbox.entries()).extracting(Inbox.Entry::notificationId).containsExactly("c", "b", "a");
        assertThat(inbox.unread()).isEqualTo(3);
    }

    @Test
    void shouldHoldAnIdOnceEvenWhenAddedAgain() {
        final Inbox once = Inbox.EMPTY.add(entry("a", 1), 10).markRead("a");

        final Inbox twice = once.add(entry("a", 1), 10);

        assertThat(twice).isSameAs(once);
        assertThat(twice.entries()).hasSize(1);
        assertThat(twice.unread()).isZero();
    }

    @Test
    void shouldDropTheOldestPastCapacityAndNotReaddThem() {
        final Inbox full = Inbox.EMPTY.add(entry("a", 1), 2).add(entry("b", 2), 2).add(entry("c", 3), 2);

        assertThat(full.entries()).extracting(Inbox.Entry::notificationId).containsExactly("c", "b");
        assertThat(full.add(entry("a", 1), 2)).isSameAs(full);
    }

    @Test
    void shouldMarkOnlyTheNamedEntryReadAndIgnoreUnknownIds() {
        final Inbox inbox = Inbox.EMPTY.add(entry("a", 1), 10).add(entry("b", 2), 10);

        final Inbox read = inbox.markRead("a");

        assertThat(read.find("a")).get().extracting(Inbox.Entry::read).isEqualTo(true);
        assertThat(read.find("b")).get().extracting(Inbox.Entry::read).isEqualTo(false);
        assertThat(read.unread()).isEqualTo(1);
        assertThat(read.markRead("zzz")).isSameAs(read);
        assertThat(read.markRead("a")).isSameAs(read);
    }

    @Test
    void shouldPageNewestFirst() {
        Inbox filling = Inbox.EMPTY;
        for (int i = 0; i < 5; i++) {
            filling = filling.add(entry("n" + i, i), 10);
        }
        final Inbox inbox = filling;

        assertThat(inbox.page(0, 2)).extracting(Inbox.Entry::notificationId).containsExactly("n4", "n3");
        assertThat(inbox.page(2, 2)).extracting(Inbox.Entry::notificationId).containsExactly("n0");
        assertThat(inbox.page(3, 2)).isEmpty();
        assertThatThrownBy(() -> inbox.page(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
