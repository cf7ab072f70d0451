package io.bourse.notifications.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static Inbox.Entry entry(final String id, final int second) {
        return new Inbox.Entry(id, NotificationKind.ORDER_FILLED, "Filled", "text " + id, T.plusSeconds(second), false);
    }

    @Test
    void shouldShowNewestFirstWhateverTheOrderTheEntriesComeIn() {
        final Inbox inbox = Inbox.of(List.of(entry("b", 2), entry("a", 1), entry("c", 3)));

        assertThat(inbox.entries()).extracting(Inbox.Entry::notificationId).containsExactly("c", "b", "a");
        assertThat(inbox.unread()).isEqualTo(3);
    }

    @Test
    void shouldOrderEntriesOfOneInstantByTheirIds() {
        final Inbox inbox = Inbox.of(List.of(entry("y", 1), entry("x", 1)));

        assertThat(inbox.entries()).extracting(Inbox.Entry::notificationId).containsExactly("x", "y");
    }

    @Test
    void shouldMarkOnlyTheNamedEntryReadAndIgnoreUnknownIds() {
        final Inbox inbox = Inbox.of(List.of(entry("a", 1), entry("b", 2)));

        final Inbox read = inbox.markRead("a");

        assertThat(read.find("a")).get().extracting(Inbox.Entry::read).isEqualTo(true);
        assertThat(read.find("b")).get().extracting(Inbox.Entry::read).isEqualTo(false);
        assertThat(read.unread()).isEqualTo(1);
        assertThat(read.markRead("zzz")).isSameAs(read);
        assertThat(read.markRead("a")).isSameAs(read);
    }

    @Test
    void shouldPageNewestFirst() {
        final List<Inbox.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(entry("n" + i, i));
        }
        final Inbox inbox = Inbox.of(entries);

        assertThat(inbox.page(0, 2)).extracting(Inbox.Entry::notificationId).containsExactly("n4", "n3");
        assertThat(inbox.page(2, 2)).extracting(Inbox.Entry::notificationId).containsExactly("n0");
        assertThat(inbox.page(3, 2)).isEmpty();
        assertThatThrownBy(() -> inbox.page(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
