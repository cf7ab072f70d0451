package io.bourse.notifications.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.notifications.NotificationPreferences;
import io.bourse.notifications.core.Channel;
import io.bourse.notifications.core.Conflation;
import io.bourse.notifications.core.NotificationKind;
import io.bourse.notifications.core.Preferences;
import io.bourse.notifications.core.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.notifications.core.Events;
import io.bourse.notifications.core.Templates;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationsMappingTest {

    @Test
    void shouldStorePreferencesAndReadThemBackUnchanged() {
        final Preferences p = Preferences.defaults().withEmail("asha@example.com").withPhone("+919800000001")
                .withDevice("t1").withDevice("t2").withZone(ZoneId.of("Europe/London"))
                .withQuietHours(QuietHours.between(LocalTime.of(22, 30), LocalTime.of(6, 45)))
                .withLocale(Locale.forLanguageTag("en-IN"))
                .with(NotificationKind.ORDER_REJECTED, Channel.EMAIL, true)
                .with(NotificationKind.ORDER_FILLED, Channel.IN_APP, false);

        final NotificationPreferences stored = NotificationsMapping.preferences("u1", p);

        assertThat(NotificationsMapping.preferences(stored)).isEqualTo(p);
        assertThat(stored.getSettings()).extracting(s -> s.getKind() + " " + s.getChannel() + " " + s.getEnabled())
                .containsExactly("ORDER_FILLED IN_APP false", "ORDER_REJECTED EMAIL true");
        assertThat(NotificationsMapping.preferences(NotificationPreferences.newBuilder().setUserId("u2").build()))
                .isEqualTo(Preferences.defaults());
    }

    @Test
    void shouldStoreAnOpenWindowAndReadItBackUnchanged() {
        final Conflation.Window w = new Conflation.Window("o1", "INFY", "SELL", "u1-O4", Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T10:00:02Z"), 3, 60, 9_120_000, 100, 80);

        assertThat(NotificationsMapping.window(NotificationsMapping.pendingFills("u1", w))).isEqualTo(w);
    }

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private final Templates templates = Templates.fromClasspath();

    private void renderEveryChannel(final NotificationKind kind, final Map<String, Object> facts, final Set<NotificationKind> seen) {
        for (final Channel channel : Channel.values()) {
            assertThat(templates.render(kind, channel, Locale.ENGLISH, Preferences.DEFAULT_ZONE, AT, facts).text()).isNotBlank();
        }
        seen.add(kind);
    }

    /** Events with only their required fields: every optional one the templates might read is absent. */
    @Test
    void shouldGiveEveryTemplateEveryFactItNamesFromTheLeastAnEventCarries() {
        final Set<NotificationKind> seen = EnumSet.noneOf(NotificationKind.class);
        for (final OrderEventType type : OrderEventType.values()) {
            final OrderEvent e = OrderEvent.newBuilder().setEventId("u1-O1").setSequence(1).setType(type).setOrderId("o1")
                    .setUserId("u1").setSymbol("INFY").setSide(Side.BUY).setOrderType(OrderType.MARKET)
                    .setTimeInForce(TimeInForce.IOC).setQuantityShares(10).setFilledQuantityShares(type == OrderEventType.FILLED ? 10 : 0)
                    .setRemainingQuantityShares(0).setFilledNotionalPaise(type == OrderEventType.FILLED ? 1_000 : 0)
                    .setTimestampMs(AT).build();
            Events.ofOrderEvent(type.name(), null).filter(k -> k != NotificationKind.ORDER_PARTIALLY_FILLED)
                    .ifPresent(kind -> renderEveryChannel(kind, NotificationsMapping.facts(e), seen));
        }
        renderEveryChannel(NotificationKind.ORDER_PARTIALLY_FILLED, NotificationsMapping.facts(new Conflation.Window("o1", "INFY",
                "BUY", "u1-O1", AT, AT.plusSeconds(2), 1, 5, 500, 10, 5)), seen);
        for (final PaymentEventType type : PaymentEventType.values()) {
            final PaymentEvent e = PaymentEvent.newBuilder().setEventId("c1:" + type).setType(type).setUserId("u1")
                    .setProvider("sandbox").setAmountPaise(100).setTimestampMs(AT).build();
            Events.ofPaymentEvent(type.name()).ifPresent(kind -> renderEveryChannel(kind, NotificationsMapping.facts(e), seen));
        }
        for (final AccountEventType type : AccountEventType.values()) {
            final AccountEvent e = AccountEvent.newBuilder().setEventId("u1-A1").setSequence(1).setType(type).setUserId("u1")
                    .setEmail("u1@example.com").setKycStatus(KycStatus.NOT_SUBMITTED).setSuspended(false).setTimestampMs(AT).build();
            Events.ofAccountEvent(type.name()).ifPresent(kind -> renderEveryChannel(kind, NotificationsMapping.facts(e), seen));
        }

        assertThat(seen).containsExactlyInAnyOrder(NotificationKind.values());
    }
}
