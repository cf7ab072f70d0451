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
}
