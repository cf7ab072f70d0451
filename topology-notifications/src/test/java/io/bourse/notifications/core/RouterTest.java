package io.bourse.notifications.core;

import static io.bourse.notifications.core.Channel.EMAIL;
import static io.bourse.notifications.core.Channel.IN_APP;
import static io.bourse.notifications.core.Channel.PUSH;
import static io.bourse.notifications.core.Channel.SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.notifications.core.Router.Decision;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RouterTest {

    private static final Instant NOON_IST = Instant.parse("2026-12-07T06:30:00Z");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static Preferences reachableEverywhere() {
        return Preferences.defaults().withEmail("asha@example.com").withPhone("+919800000001").withDevice("token-1");
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void shouldSendEveryKindInAppOnlyToAUserWithNoContactDetails(final NotificationKind kind) {
        assertThat(Router.channels(kind, Preferences.defaults(), NOON_IST)).containsExactly(IN_APP);
    }

    @Test
    void shouldSayWhyAChannelIsNotUsed() {
        assertThat(Router.decide(NotificationKind.KYC_APPROVED, Preferences.defaults(), NOON_IST))
                .containsEntry(EMAIL, Decision.NO_CONTACT).containsEntry(SMS, Decision.OFF)
                .containsEntry(PUSH, Decision.NO_CONTACT).containsEntry(IN_APP, Decision.SEND);
    }

    @Test
    void shouldEmailMoneyKycAndSecurityByDefaultButNotFillsRejectionsOrEndings() {
        final Preferences withEmail = Preferences.defaults().withEmail("asha@example.com");

        final List<NotificationKind> emailed = Arrays.stream(NotificationKind.values())
                .filter(kind -> Router.channels(kind, withEmail, NOON_IST).contains(EMAIL)).toList();

        assertThat(emailed).containsExactly(NotificationKind.DEPOSIT_CREDITED, NotificationKind.DEPOSIT_REFUSED, NotificationKind.WITHDRAWAL_PAID,
                NotificationKind.WITHDRAWAL_FAILED, NotificationKind.WITHDRAWAL_REFUSED, NotificationKind.KYC_APPROVED,
                NotificationKind.KYC_REJECTED, NotificationKind.ACCOUNT_SUSPENDED, NotificationKind.REGISTERED);
    }

    @Test
    void shouldPushFillsToARegisteredDeviceButNotMailThem() {
        final Preferences withDevice = Preferences.defaults().withEmail("asha@example.com").withDevice("t");

        assertThat(Router.channels(NotificationKind.ORDER_FILLED, withDevice, NOON_IST)).containsExactly(PUSH, IN_APP);
        assertThat(Router.channels(NotificationKind.ORDER_PARTIALLY_FILLED, withDevice, NOON_IST)).containsExactly(PUSH, IN_APP);
        assertThat(Router.channels(NotificationKind.ORDER_FILLED, withDevice.with(NotificationKind.ORDER_FILLED, EMAIL, true),
                NOON_IST)).containsExactly(EMAIL, PUSH, IN_APP);
    }

    @Test
    void shouldUseSmsAndPushOnlyOnceAPhoneOrDeviceExists() {
        final Preferences emailOnly = Preferences.defaults().withEmail("asha@example.com");

        assertThat(Router.channels(NotificationKind.WITHDRAWAL_PAID, emailOnly, NOON_IST)).containsExactly(EMAIL, IN_APP);
        assertThat(Router.channels(NotificationKind.WITHDRAWAL_PAID, emailOnly.withPhone("+919800000001"), NOON_IST))
                .containsExactly(EMAIL, SMS, IN_APP);
        assertThat(Router.channels(NotificationKind.WITHDRAWAL_PAID, emailOnly.withDevice("t"), NOON_IST))
                .containsExactly(EMAIL, PUSH, IN_APP);
        assertThat(Router.channels(NotificationKind.WITHDRAWAL_PAID, emailOnly.withDevice("t").withoutDevice("t"), NOON_IST))
                .containsExactly(EMAIL, IN_APP);
    }

    @Test
    void shouldFollowTheUsersChoiceOverTheDefault() {
        final Preferences p = reachableEverywhere()
                .with(NotificationKind.ORDER_FILLED, EMAIL, false)
                .with(NotificationKind.ORDER_FILLED, SMS, true)
                .with(NotificationKind.ORDER_REJECTED, EMAIL, true)
                .with(NotificationKind.ORDER_REJECTED, IN_APP, false);

        assertThat(Router.channels(NotificationKind.ORDER_FILLED, p, NOON_IST)).containsExactly(SMS, PUSH, IN_APP);
        assertThat(Router.channels(NotificationKind.ORDER_REJECTED, p, NOON_IST)).containsExactly(EMAIL);
        assertThat(Router.channels(NotificationKind.ORDER_EXPIRED, p, NOON_IST)).containsExactly(IN_APP);
    }

    @Test
    void shouldHoldSmsAndPushInQuietHoursButSendEmailAndInApp() {
        final Preferences p = reachableEverywhere().withQuietHours(QuietHours.between(LocalTime.of(22, 0), LocalTime.of(7, 0)));
        final Instant lateEvening = Instant.parse("2026-12-07T17:00:00Z"); // 22:30 IST

        assertThat(Router.decide(NotificationKind.WITHDRAWAL_PAID, p, lateEvening))
                .containsEntry(EMAIL, Decision.SEND).containsEntry(SMS, Decision.QUIET_HOURS)
                .containsEntry(PUSH, Decision.QUIET_HOURS).containsEntry(IN_APP, Decision.SEND);
        assertThat(Router.channels(NotificationKind.WITHDRAWAL_PAID, p, NOON_IST)).containsExactly(EMAIL, SMS, PUSH, IN_APP);
    }

    @Test
    void shouldTellASuspensionOnEveryChannelEvenInQuietHours() {
        final Preferences p = reachableEverywhere().withQuietHours(QuietHours.between(LocalTime.of(0, 0), LocalTime.of(23, 59)));

        assertThat(Router.channels(NotificationKind.ACCOUNT_SUSPENDED, p, NOON_IST)).containsExactly(EMAIL, SMS, PUSH, IN_APP);
    }

    @ParameterizedTest(name = "{0} in Asia/Kolkata, quiet 21:00-08:00: {1}")
    @CsvSource({
        "2026-07-01T15:29:00Z, false", // 20:59 IST
        "2026-07-01T15:30:00Z, true",  // 21:00 IST, the start is inside
        "2026-07-01T18:30:00Z, true",  // 00:00 IST
        "2026-07-02T02:29:00Z, true",  // 07:59 IST
        "2026-07-02T02:30:00Z, false", // 08:00 IST, the end is outside
        "2026-01-15T15:30:00Z, true",  // the same in winter: India keeps no daylight saving
    })
    void shouldReadQuietHoursOnTheWallClockOfAZoneWithoutDaylightSaving(final Instant at, final boolean quiet) {
        assertThat(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)).contains(at, KOLKATA)).isEqualTo(quiet);
    }

    @ParameterizedTest(name = "{0} in Europe/London, quiet 22:00-07:00: {1}")
    @CsvSource({
        "2026-07-01T21:30:00Z, true",  // 22:30 BST
        "2026-01-15T21:30:00Z, false", // 21:30 GMT
        "2026-07-01T06:30:00Z, false", // 07:30 BST
        "2026-01-15T06:30:00Z, true",  // 06:30 GMT
        "2026-03-29T00:30:00Z, true",  // 00:30 GMT, before the clocks go forward
        "2026-03-29T05:59:00Z, true",  // 06:59 BST, the first morning of summer time
        "2026-03-29T06:00:00Z, false", // 07:00 BST
        "2026-10-25T06:59:00Z, true",  // 06:59 GMT, the first morning of winter time
        "2026-10-25T07:00:00Z, false", // 07:00 GMT
    })
    void shouldFollowTheWallClockAcrossDaylightSavingChanges(final Instant at, final boolean quiet) {
        assertThat(QuietHours.between(LocalTime.of(22, 0), LocalTime.of(7, 0)).contains(at, LONDON)).isEqualTo(quiet);
    }

    @Test
    void shouldReadDaytimeQuietHoursAndNone() {
        final QuietHours lunch = QuietHours.between(LocalTime.of(13, 0), LocalTime.of(14, 0));

        assertThat(lunch.contains(Instant.parse("2026-07-01T07:45:00Z"), KOLKATA)).isTrue(); // 13:15 IST
        assertThat(lunch.contains(Instant.parse("2026-07-01T08:45:00Z"), KOLKATA)).isFalse(); // 14:15 IST
        assertThat(QuietHours.NONE.contains(NOON_IST, KOLKATA)).isFalse();
        assertThatThrownBy(() -> new QuietHours(0, 1440)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRouteAUserInLondonByLondonTime() {
        final Preferences p = reachableEverywhere().withZone(LONDON)
                .withQuietHours(QuietHours.between(LocalTime.of(22, 0), LocalTime.of(7, 0)));
        final Instant summerNight = Instant.parse("2026-07-01T21:30:00Z"); // 22:30 BST, 03:00 IST

        assertThat(Router.channels(NotificationKind.DEPOSIT_CREDITED, p, summerNight)).containsExactly(EMAIL, IN_APP);
        assertThat(Router.channels(NotificationKind.DEPOSIT_CREDITED, p.withZone(KOLKATA), summerNight))
                .containsExactly(EMAIL, IN_APP);
        assertThat(Router.channels(NotificationKind.DEPOSIT_CREDITED, p.withZone(KOLKATA), Instant.parse("2026-07-01T12:00:00Z")))
                .containsExactly(EMAIL, SMS, PUSH, IN_APP);
    }
}
