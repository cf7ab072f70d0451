package io.bourse.notifications.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventsTest {

    @Test
    void shouldNotifyOrderEndingsByTheExchangeButNotTheUsersOwnCancel() {
        assertThat(Events.ofOrderEvent("FILL", null)).contains(NotificationKind.ORDER_PARTIALLY_FILLED);
        assertThat(Events.ofOrderEvent("FILLED", null)).contains(NotificationKind.ORDER_FILLED);
        assertThat(Events.ofOrderEvent("REJECTED", "INSUFFICIENT_FUNDS")).contains(NotificationKind.ORDER_REJECTED);
        assertThat(Events.ofOrderEvent("EXPIRED", "SESSION_CLOSED")).contains(NotificationKind.ORDER_EXPIRED);
        assertThat(Events.ofOrderEvent("CANCELLED", "IOC_REMAINDER_CANCELLED")).contains(NotificationKind.ORDER_CANCELLED);
        assertThat(Events.ofOrderEvent("CANCELLED", "USER_CANCELLED")).isEmpty();
        assertThat(Events.ofOrderEvent("ACCEPTED", null)).isEmpty();
        assertThat(Events.ofOrderEvent("RESTING", null)).isEmpty();
    }

    @Test
    void shouldGiveEveryKindASource() {
        final Set<NotificationKind> reached = new HashSet<>();
        for (final String type : new String[] {"FILL", "FILLED", "REJECTED", "EXPIRED", "CANCELLED"}) {
            Events.ofOrderEvent(type, "ADMIN_CANCELLED").ifPresent(reached::add);
        }
        for (final String type : new String[] {"DEPOSIT_CONFIRMED", "DEPOSIT_REJECTED", "PAYOUT_SUCCEEDED", "PAYOUT_FAILED",
            "WITHDRAWAL_REFUSED", "DEPOSIT_INTENT_CREATED", "WITHDRAWAL_REQUESTED"}) {
            Events.ofPaymentEvent(type).ifPresent(reached::add);
        }
        for (final String type : new String[] {"REGISTERED", "KYC_SUBMITTED", "KYC_APPROVED", "KYC_REJECTED", "SUSPENDED"}) {
            Events.ofAccountEvent(type).ifPresent(reached::add);
        }

        assertThat(reached).containsExactlyInAnyOrder(NotificationKind.values());
    }

    @Test
    void shouldPreferTheMessageAndElseSpellTheCode() {
        assertThat(Events.reasonText("KYC_REJECTED_BY_ADMIN", "PAN does not match the name")).isEqualTo("PAN does not match the name");
        assertThat(Events.reasonText("INSUFFICIENT_FUNDS", null)).isEqualTo("insufficient funds");
        assertThat(Events.reasonText(null, " ")).isEqualTo("no reason given");
    }

    @Test
    void shouldNameANotificationByItsSourceAndChannelOnly() {
        final String id = NotificationIds.of("u1", "orders.events", "u1-O7", Channel.EMAIL);

        assertThat(NotificationIds.of("u1", "orders.events", "u1-O7", Channel.EMAIL)).isEqualTo(id);
        assertThat(NotificationIds.of("u1", "orders.events", "u1-O7", Channel.SMS)).isNotEqualTo(id);
        assertThat(NotificationIds.of("u1", "orders.events", "u1-O8", Channel.EMAIL)).isNotEqualTo(id);
        assertThat(NotificationIds.of("u2", "orders.events", "u1-O7", Channel.EMAIL)).isNotEqualTo(id);
        assertThat(id).isEqualTo("d225ab17-a8e9-3a19-b7b6-1b25b3d8043c");
    }
}
