package io.bourse.notifications.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.notifications.ChannelSetting;
import io.bourse.avro.notifications.InboxEntry;
import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationChannel;
import io.bourse.avro.notifications.NotificationCommand;
import io.bourse.avro.notifications.NotificationCommandType;
import io.bourse.avro.notifications.NotificationInbox;
import io.bourse.avro.notifications.NotificationKind;
import io.bourse.avro.notifications.NotificationPreferences;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.notifications.core.Inbox;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.testing.streams.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsTopologyTest {

    /** 15:30 in Kolkata: nobody's quiet hours. */
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final String ASHA = "u-asha";
    private static final String BOB = "u-bob";

    @TempDir
    Path stateDir;
    private final TopologyHarness harness = new TopologyHarness("notifications");
    private final Map<String, Object> serde = harness.serdeConfig();
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderEvent> orderEvents;
    private TestInputTopic<String, PaymentEvent> paymentEvents;
    private TestInputTopic<String, AccountEvent> accountEvents;
    private TestInputTopic<String, NotificationCommand> commands;
    private TestOutputTopic<String, Notification> notifications;
    private long orderSequence;

    @BeforeEach
    void start() {
        driver = driver("run-1");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private TopologyTestDriver driver(final String name) {
        return driver(name, NotificationsConfig.DEFAULTS);
    }

    private TopologyTestDriver driver(final String name, final NotificationsConfig notificationsConfig) {
        final TopologyTestDriver d = harness.start(NotificationsTopology.build(notificationsConfig, serde), "notifications-test",
                stateDir.resolve(name), StreamsConfig.AT_LEAST_ONCE, START);
        orderEvents = harness.input(d, Topics.ORDERS_EVENTS);
        paymentEvents = harness.input(d, Topics.PAYMENTS_EVENTS);
        accountEvents = harness.input(d, Topics.ACCOUNTS_EVENTS);
        commands = harness.input(d, Topics.NOTIFICATIONS_COMMANDS);
        notifications = harness.output(d, Topics.NOTIFICATIONS);
        return d;
    }

    private static AccountEvent account(final String user, final long sequence, final AccountEventType type, final Instant at) {
        return AccountEvent.newBuilder().setEventId(user + "-A" + sequence).setSequence(sequence).setType(type).setUserId(user)
                .setEmail(user.substring(2) + "@example.com").setDisplayName("Asha Rao").setKycStatus(KycStatus.NOT_SUBMITTED)
                .setSuspended(false).setTimestampMs(at).build();
    }

    private static PaymentEvent payment(final String user, final String eventId, final PaymentEventType type, final long paise,
            final Instant at) {
        final boolean withdrawal = type == PaymentEventType.PAYOUT_SUCCEEDED || type == PaymentEventType.PAYOUT_FAILED;
        return PaymentEvent.newBuilder().setEventId(eventId).setType(type).setUserId(user).setProvider("sandbox")
                .setProviderPaymentId("pay_" + eventId).setWithdrawalId(withdrawal ? "wd-" + eventId : null)
                .setAmountPaise(paise).setTimestampMs(at).build();
    }

    private OrderEvent order(final String user, final OrderEventType type, final long filled, final Long fillQuantity,
            final Long fillPrice, final long notional, final ReasonCode reason, final Instant at) {
        final long sequence = ++orderSequence;
        return OrderEvent.newBuilder().setEventId(user + "-O" + sequence).setSequence(sequence).setType(type).setOrderId("o1")
                .setUserId(user).setSymbol("INFY").setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setLimitPricePaise(152_000L).setQuantityShares(100).setFilledQuantityShares(filled)
                .setRemainingQuantityShares(100 - filled).setFilledNotionalPaise(notional).setFillQuantityShares(fillQuantity)
                .setFillPricePaise(fillPrice).setReasonCode(reason).setTimestampMs(at).build();
    }

    private void register(final String user, final Instant at) {
        accountEvents.pipeInput(user, account(user, 1, AccountEventType.REGISTERED, at), at);
    }

    private void reachEverywhere(final String user, final Instant at) {
        commands.pipeInput(user, NotificationCommand.newBuilder().setCommandId("c-phone").setType(NotificationCommandType.UPDATE_PREFERENCES)
                .setUserId(user).setPhone("+919800000001").setTimestampMs(at).build(), at);
        commands.pipeInput(user, NotificationCommand.newBuilder().setCommandId("c-device").setType(NotificationCommandType.REGISTER_DEVICE)
                .setUserId(user).setPushToken("fcm-token-1").setTimestampMs(at).build(), at);
    }

    private static List<String> summary(final List<Notification> list) {
        return list.stream().map(n -> n.getUserId() + " " + n.getKind() + " " + n.getChannel()).toList();
    }

    @Test
    void shouldWriteOneNotificationPerEventAndChannel() {
        register(ASHA, START);
        reachEverywhere(ASHA, START.plusSeconds(1));
        paymentEvents.pipeInput(ASHA, payment(ASHA, "c9:DEPOSIT_CONFIRMED", PaymentEventType.DEPOSIT_CONFIRMED, 123_456_750L,
                START.plusSeconds(2)), START.plusSeconds(2));

        final List<Notification> out = notifications.readValuesToList();

        assertThat(summary(out)).containsExactly(
                "u-asha REGISTERED EMAIL", "u-asha REGISTERED IN_APP",
                "u-asha DEPOSIT_CREDITED EMAIL", "u-asha DEPOSIT_CREDITED SMS", "u-asha DEPOSIT_CREDITED PUSH",
                "u-asha DEPOSIT_CREDITED IN_APP");
        assertThat(out).extracting(Notification::getNotificationId).doesNotHaveDuplicates();
        final Notification welcome = out.get(0);
        assertThat(welcome.getRecipient()).isEqualTo("asha@example.com");
        assertThat(welcome.getSubject()).isEqualTo("Welcome to Bourse");
        assertThat(welcome.getBodyHtml()).contains("Hello Asha Rao,");
        assertThat(welcome.getSourceTopic()).isEqualTo(Topics.ACCOUNTS_EVENTS.name());
        assertThat(welcome.getSourceEventId()).isEqualTo("u-asha-A1");
        assertThat(welcome.getSourcePartition()).isZero();
        assertThat(welcome.getSourceOffset()).isZero();
        final Notification sms = out.get(3);
        assertThat(sms.getRecipient()).isEqualTo("+919800000001");
        assertThat(sms.getSubject()).isNull();
        assertThat(sms.getBodyText()).isEqualTo("Bourse: ₹12,34,567.50 credited to your account. Ref pay_c9:DEPOSIT_CONFIRMED.");
        assertThat(sms.getCreatedAtMs()).isEqualTo(START.plusSeconds(2));
        assertThat(out.get(4).getRecipient()).isNull();

        final NotificationPreferences stored = driver.<String, NotificationPreferences>getKeyValueStore(
                NotificationsNames.PREFERENCES.name()).get(ASHA);
        assertThat(stored.getEmail()).isEqualTo("asha@example.com");
        assertThat(stored.getPushTokens()).containsExactly("fcm-token-1");
    }

    @Test
    void shouldFileEachInAppNotificationInTheInboxAndMarkItRead() {
        register(ASHA, START);
        reachEverywhere(ASHA, START.plusSeconds(1));
        paymentEvents.pipeInput(ASHA, payment(ASHA, "c9:DEPOSIT_CONFIRMED", PaymentEventType.DEPOSIT_CONFIRMED, 123_456_750L,
                START.plusSeconds(2)), START.plusSeconds(2));
        final List<Notification> out = notifications.readValuesToList();
        final Notification deposit = out.stream().filter(n -> n.getKind() == NotificationKind.DEPOSIT_CREDITED
                && n.getChannel() == NotificationChannel.IN_APP).findFirst().orElseThrow();
        final Notification push = out.stream().filter(n -> n.getChannel() == NotificationChannel.PUSH).findFirst().orElseThrow();
        assertThat(push.getPushTokens()).containsExactly("fcm-token-1");
        assertThat(deposit.getPushTokens()).isEmpty();

        final Inbox inbox = inbox(ASHA);
        assertThat(inbox.entries()).extracting(Inbox.Entry::kind)
                .containsExactly(io.bourse.notifications.core.NotificationKind.DEPOSIT_CREDITED,
                        io.bourse.notifications.core.NotificationKind.REGISTERED);
        assertThat(inbox.entries().get(0).text()).contains("₹12,34,567.50");
        assertThat(inbox.unread()).isEqualTo(2);

        markRead(ASHA, deposit.getNotificationId(), START.plusSeconds(4));
        markRead(ASHA, "n-nobody-knows", START.plusSeconds(5));

        final Inbox read = inbox(ASHA);
        assertThat(read.unread()).isEqualTo(1);
        assertThat(read.entries().get(0).read()).isTrue();
        assertThat(read.entries().get(1).read()).isFalse();
        assertThat(inbox(BOB).entries()).as("another user's inbox").isEmpty();
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepTheNewestNotificationsOnceTheRingIsFull() {
        harness.close(driver);
        driver = driver("ring", new NotificationsConfig(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofDays(30), 3));
        register(ASHA, START);
        for (int i = 1; i <= 4; i++) {
            final Instant at = START.plusSeconds(i);
            paymentEvents.pipeInput(ASHA, payment(ASHA, "w" + i + ":PAYOUT_SUCCEEDED", PaymentEventType.PAYOUT_SUCCEEDED,
                    1_000L * i, at), at);
        }

        final Inbox inbox = inbox(ASHA);
        assertThat(inbox.entries()).hasSize(3);
        assertThat(inbox.entries()).extracting(e -> e.createdAt().getEpochSecond() - START.getEpochSecond())
                .as("the registration and the first payout fell out").containsExactly(4L, 3L, 2L);
        try (var all = driver.getKeyValueStore(NotificationsNames.INBOX_ENTRIES.name()).all()) {
            final List<Object> keys = new java.util.ArrayList<>();
            all.forEachRemaining(entry -> keys.add(entry.key));
            assertThat(keys).as("one key per slot").hasSize(3);
        }
    }

    @Test
    void shouldMoveAnInboxAnEarlierVersionKeptIntoTheRingWhenTheUserNextHearsSomething() {
        final InboxEntry earlier = InboxEntry.newBuilder().setNotificationId("n-old").setKind(NotificationKind.KYC_APPROVED)
                .setSubject("KYC").setBodyText("approved").setCreatedAtMs(START.minusSeconds(60)).setRead(false).build();
        driver.<String, NotificationInbox>getKeyValueStore(NotificationsNames.INBOX.name())
                .put(ASHA, NotificationInbox.newBuilder().setEntries(List.of(earlier)).setUnread(1).build());
        assertThat(inbox(ASHA).entries()).as("read from where it was until it moves")
                .extracting(Inbox.Entry::notificationId).containsExactly("n-old");

        register(ASHA, START);
        markRead(ASHA, "n-old", START.plusSeconds(1));

        final Inbox inbox = inbox(ASHA);
        assertThat(inbox.entries()).extracting(Inbox.Entry::notificationId).hasSize(2).endsWith("n-old");
        assertThat(inbox.entries().get(1).read()).isTrue();
        assertThat(inbox.unread()).isEqualTo(1);
        assertThat(driver.<String, NotificationInbox>getKeyValueStore(NotificationsNames.INBOX.name()).get(ASHA))
                .as("the earlier list is gone once moved").isNull();
    }

    private Inbox inbox(final String user) {
        return NotificationsQueries.inbox(driver.getKeyValueStore(NotificationsNames.INBOX_ENTRIES.name()),
                driver.getKeyValueStore(NotificationsNames.INBOX.name()), user);
    }

    private void markRead(final String user, final String notificationId, final Instant at) {
        commands.pipeInput(user, NotificationCommand.newBuilder().setCommandId("c-read-" + notificationId)
                .setType(NotificationCommandType.MARK_READ).setUserId(user).setNotificationId(notificationId).setTimestampMs(at)
                .build(), at);
    }

    @Test
    void shouldWriteNothingWhenAnEventIsReplayed() {
        register(ASHA, START);
        final PaymentEvent paid = payment(ASHA, "w1:PAYOUT_SUCCEEDED", PaymentEventType.PAYOUT_SUCCEEDED, 50_000L, START.plusSeconds(1));
        paymentEvents.pipeInput(ASHA, paid, START.plusSeconds(1));
        final OrderEvent rejected = order(ASHA, OrderEventType.REJECTED, 0, null, null, 0, ReasonCode.INSUFFICIENT_FUNDS,
                START.plusSeconds(2));
        orderEvents.pipeInput(ASHA, rejected, START.plusSeconds(2));
        assertThat(summary(notifications.readValuesToList())).containsExactly("u-asha REGISTERED EMAIL",
                "u-asha REGISTERED IN_APP", "u-asha WITHDRAWAL_PAID EMAIL", "u-asha WITHDRAWAL_PAID IN_APP",
                "u-asha ORDER_REJECTED IN_APP");

        register(ASHA, START.plusSeconds(3));
        paymentEvents.pipeInput(ASHA, paid, START.plusSeconds(3));
        orderEvents.pipeInput(ASHA, rejected, START.plusSeconds(3));
        paymentEvents.pipeInput(ASHA, paid, START.plusSeconds(1));

        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void shouldDropAPaymentEventTooOldToTellFromAReplay() {
        register(ASHA, START);
        notifications.readValuesToList();
        final Instant old = START.minus(NotificationsConfig.DEFAULTS.paymentDedupRetention()).minusSeconds(1);

        paymentEvents.pipeInput(ASHA, payment(ASHA, "old:DEPOSIT_CONFIRMED", PaymentEventType.DEPOSIT_CONFIRMED, 10_000L, old), old);
        paymentEvents.pipeInput(ASHA, payment(ASHA, "new:DEPOSIT_CONFIRMED", PaymentEventType.DEPOSIT_CONFIRMED, 10_000L, START),
                START);

        assertThat(notifications.readValuesToList()).extracting(Notification::getSourceEventId).containsOnly("new:DEPOSIT_CONFIRMED");
    }

    @Test
    void shouldIgnoreACommandWithAnUnknownZoneAndKeepTheRest() {
        reachEverywhere(ASHA, START);
        commands.pipeInput(ASHA, NotificationCommand.newBuilder().setCommandId("c-bad").setType(NotificationCommandType.UPDATE_PREFERENCES)
                .setUserId(ASHA).setTimeZone("Mars/Olympus_Mons").setPhone("").setTimestampMs(START).build(), START);
        commands.pipeInput(ASHA, NotificationCommand.newBuilder().setCommandId("c-off").setType(NotificationCommandType.UNREGISTER_DEVICE)
                .setUserId(ASHA).setPushToken("fcm-token-1").setTimestampMs(START).build(), START);

        final NotificationPreferences stored = driver.<String, NotificationPreferences>getKeyValueStore(
                NotificationsNames.PREFERENCES.name()).get(ASHA);
        assertThat(stored.getPhone()).isEqualTo("+919800000001");
        assertThat(stored.getTimeZone()).isEqualTo("Asia/Kolkata");
        assertThat(stored.getPushTokens()).isEmpty();
    }

    @Test
    void shouldSkipRecordsWithoutAKeyOrValue() {
        orderEvents.pipeInput(ASHA, null, START);
        paymentEvents.pipeInput(ASHA, null, START);
        accountEvents.pipeInput(ASHA, null, START);
        commands.pipeInput(ASHA, null, START);
        accountEvents.pipeInput(null, account(ASHA, 1, AccountEventType.REGISTERED, START), START);

        assertThat(notifications.isEmpty()).isTrue();
        register(ASHA, START);
        assertThat(notifications.readValuesToList()).hasSize(2);
    }

    @Test
    void shouldWriteNothingForAKindTheUserTurnedOff() {
        register(BOB, START);
        notifications.readValuesToList();
        commands.pipeInput(BOB, NotificationCommand.newBuilder().setCommandId("c1").setType(NotificationCommandType.UPDATE_PREFERENCES)
                .setUserId(BOB).setSettings(List.of(
                        new ChannelSetting(NotificationKind.DEPOSIT_CREDITED, NotificationChannel.EMAIL, false),
                        new ChannelSetting(NotificationKind.DEPOSIT_CREDITED, NotificationChannel.IN_APP, false),
                        new ChannelSetting(NotificationKind.ORDER_REJECTED, NotificationChannel.EMAIL, true)))
                .setTimestampMs(START).build(), START);

        paymentEvents.pipeInput(BOB, payment(BOB, "d1:DEPOSIT_CONFIRMED", PaymentEventType.DEPOSIT_CONFIRMED, 10_000L,
                START.plusSeconds(1)), START.plusSeconds(1));
        orderEvents.pipeInput(BOB, order(BOB, OrderEventType.REJECTED, 0, null, null, 0, ReasonCode.INSUFFICIENT_FUNDS,
                START.plusSeconds(2)), START.plusSeconds(2));
        orderEvents.pipeInput(BOB, order(BOB, OrderEventType.CANCELLED, 0, null, null, 0, ReasonCode.USER_CANCELLED,
                START.plusSeconds(3)), START.plusSeconds(3));

        assertThat(summary(notifications.readValuesToList())).containsExactly("u-bob ORDER_REJECTED EMAIL",
                "u-bob ORDER_REJECTED IN_APP");
    }

    @Test
    void shouldHoldSmsAndPushInQuietHoursOfTheUsersZone() {
        register(ASHA, START);
        reachEverywhere(ASHA, START);
        commands.pipeInput(ASHA, NotificationCommand.newBuilder().setCommandId("c-quiet").setType(NotificationCommandType.UPDATE_PREFERENCES)
                .setUserId(ASHA).setTimeZone("Europe/London").setQuietHoursStartMinute(9 * 60).setQuietHoursEndMinute(11 * 60)
                .setTimestampMs(START).build(), START);
        notifications.readValuesToList();

        // 10:00 UTC is 10:00 in London in December: quiet there, though 15:30 in Kolkata.
        paymentEvents.pipeInput(ASHA, payment(ASHA, "d2:DEPOSIT_CONFIRMED", PaymentEventType.DEPOSIT_CONFIRMED, 10_000L,
                START.plusSeconds(5)), START.plusSeconds(5));

        assertThat(summary(notifications.readValuesToList())).containsExactly("u-asha DEPOSIT_CREDITED EMAIL",
                "u-asha DEPOSIT_CREDITED IN_APP");
    }

    @Test
    void shouldConflateABurstOfPartialFillsIntoOneMessageWhenStreamTimePassesTheWindow() {
        final Instant t = START.plusSeconds(10);
        orderEvents.pipeInput(ASHA, order(ASHA, OrderEventType.FILL, 10, 10L, 152_000L, 1_520_000L, null, t), t);
        orderEvents.pipeInput(ASHA, order(ASHA, OrderEventType.FILL, 40, 30L, 152_100L, 6_083_000L, null, t.plusMillis(300)),
                t.plusMillis(300));
        orderEvents.pipeInput(ASHA, order(ASHA, OrderEventType.FILL, 50, 10L, 151_900L, 7_602_000L, null, t.plusMillis(1_900)),
                t.plusMillis(1_900));
        assertThat(notifications.isEmpty()).isTrue();

        // Any later record of the task moves stream time past the window's end.
        accountEvents.pipeInput(BOB, account(BOB, 1, AccountEventType.KYC_SUBMITTED, t.plusMillis(2_500)), t.plusMillis(2_500));

        final List<Notification> out = notifications.readValuesToList();
        assertThat(summary(out)).containsExactly("u-asha ORDER_PARTIALLY_FILLED IN_APP");
        final Notification burst = out.get(0);
        assertThat(burst.getConflatedEvents()).isEqualTo(3);
        assertThat(burst.getSourceEventId()).isEqualTo("u-asha-O1");
        assertThat(burst.getCreatedAtMs()).isEqualTo(t.plus(Duration.ofSeconds(2)));
        assertThat(burst.getBodyText()).isEqualTo(
                "Bought 50 INFY at an average of ₹1,520.40 in 3 trades; 50 of 100 shares filled. Order o1.");
        assertThat(driver.getKeyValueStore(NotificationsNames.PENDING_FILLS.name()).get(ASHA + "\0o1")).isNull();
    }

    @Test
    void shouldEndTheWindowWhenTheOrderFillsOrTheExchangeCancelsIt() {
        final Instant t = START.plusSeconds(10);
        orderEvents.pipeInput(ASHA, order(ASHA, OrderEventType.FILL, 60, 60L, 152_000L, 9_120_000L, null, t), t);
        orderEvents.pipeInput(ASHA, order(ASHA, OrderEventType.FILL, 100, 40L, 152_100L, 15_204_000L, null, t.plusMillis(100)),
                t.plusMillis(100));
        orderEvents.pipeInput(ASHA, order(ASHA, OrderEventType.FILLED, 100, null, null, 15_204_000L, null, t.plusMillis(100)),
                t.plusMillis(100));

        final List<Notification> filled = notifications.readValuesToList();
        assertThat(summary(filled)).containsExactly("u-asha ORDER_FILLED IN_APP");
        assertThat(filled.get(0).getBodyText()).isEqualTo(
                "Bought 100 INFY at an average of ₹1,520.40 (₹1,52,040.00). Order o1.");

        orderEvents.pipeInput(BOB, order(BOB, OrderEventType.FILL, 30, 30L, 152_000L, 4_560_000L, null, t.plusMillis(200)),
                t.plusMillis(200));
        orderEvents.pipeInput(BOB, order(BOB, OrderEventType.CANCELLED, 30, null, null, 4_560_000L,
                ReasonCode.IOC_REMAINDER_CANCELLED, t.plusMillis(200)), t.plusMillis(200));

        assertThat(summary(notifications.readValuesToList())).containsExactly("u-bob ORDER_PARTIALLY_FILLED IN_APP",
                "u-bob ORDER_CANCELLED IN_APP");
        accountEvents.pipeInput(BOB, account(BOB, 1, AccountEventType.KYC_SUBMITTED, t.plusSeconds(10)), t.plusSeconds(10));
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void shouldWriteTheSameNotificationsWithTheSameIdsWhenTheInputIsProcessedAgain() {
        final List<Notification> first = runScript();
        harness.close(driver);
        driver = driver("run-2");
        orderSequence = 0;

        final List<Notification> second = runScript();

        assertThat(summary(first)).containsExactly("u-asha REGISTERED EMAIL", "u-asha REGISTERED IN_APP",
                "u-asha DEPOSIT_CREDITED EMAIL", "u-asha DEPOSIT_CREDITED SMS", "u-asha DEPOSIT_CREDITED PUSH",
                "u-asha DEPOSIT_CREDITED IN_APP", "u-asha ORDER_PARTIALLY_FILLED PUSH",
                "u-asha ORDER_PARTIALLY_FILLED IN_APP");
        assertThat(second).isEqualTo(first);
    }

    private List<Notification> runScript() {
        register(ASHA, START);
        reachEverywhere(ASHA, START);
        final Instant t = START.plusSeconds(10);
        orderEvents.pipeInput(ASHA, order(ASHA, OrderEventType.FILL, 10, 10L, 152_000L, 1_520_000L, null, t), t);
        orderEvents.pipeInput(ASHA, order(ASHA, OrderEventType.FILL, 20, 10L, 152_000L, 3_040_000L, null, t.plusSeconds(1)),
                t.plusSeconds(1));
        paymentEvents.pipeInput(ASHA, payment(ASHA, "d3:DEPOSIT_CONFIRMED", PaymentEventType.DEPOSIT_CONFIRMED, 10_000L,
                t.plusSeconds(3)), t.plusSeconds(3));
        return notifications.readValuesToList();
    }
}
