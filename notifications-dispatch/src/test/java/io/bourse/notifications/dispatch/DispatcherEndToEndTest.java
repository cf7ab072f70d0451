package io.bourse.notifications.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.notifications.ChannelSetting;
import io.bourse.avro.notifications.DeliveryStatus;
import io.bourse.avro.notifications.InboxEntry;
import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationChannel;
import io.bourse.avro.notifications.NotificationCommand;
import io.bourse.avro.notifications.NotificationCommandType;
import io.bourse.avro.notifications.NotificationDeadLetter;
import io.bourse.avro.notifications.NotificationDelivery;
import io.bourse.avro.notifications.NotificationInbox;
import io.bourse.avro.notifications.NotificationKind;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.notifications.core.Inbox;
import io.bourse.notifications.dispatch.channels.Channels;
import io.bourse.notifications.dispatch.core.Attempt;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import io.bourse.notifications.dispatch.core.Message;
import io.bourse.notifications.dispatch.core.RetryPolicy;
import io.bourse.notifications.topology.NotificationsConfig;
import io.bourse.notifications.topology.NotificationsQueries;
import io.bourse.notifications.topology.NotificationsTopology;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.streams.StreamsDefaults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on the in-process broker, with the notifications topology in front of it, a real SMTP
 * server (GreenMail) and local HTTP fakes of Twilio and FCM (WireMock).
 */
@Tag("broker")
class DispatcherEndToEndTest {

    private static final String TWILIO_PATH = "/2010-04-01/Accounts/AC-test/Messages.json";
    private static final String FCM_PATH = "/v1/projects/bourse-test/messages:send";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path dir;
    private static EmbeddedInfrastructure infra;
    private static KafkaEndpoints endpoints;
    private static KafkaStreams topology;
    private static final WireMockServer PROVIDERS = new WireMockServer(options().dynamicPort());

    private final List<NotificationDispatcher> dispatchers = new ArrayList<>();

    @BeforeAll
    static void startBrokerAndTopology() throws Exception {
        infra = new EmbeddedInfrastructure(Files.createDirectories(dir.resolve("kafka")), 0, 0).start();
        endpoints = new KafkaEndpoints(infra.bootstrapServers(), infra.schemaRegistryUrl());
        final Map<String, Object> config = StreamsDefaults.config(NotificationsNames.APPLICATION_ID, infra.bootstrapServers(),
                infra.schemaRegistryUrl(), dir.resolve("streams").toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        topology = new KafkaStreams(NotificationsTopology.build(NotificationsConfig.DEFAULTS, endpoints.serdeConfig()),
                new StreamsConfig(config));
        topology.start();
        PROVIDERS.start();
    }

    @AfterAll
    static void stopAll() {
        PROVIDERS.stop();
        if (topology != null) {
            StreamsDefaults.close(topology, Duration.ofSeconds(5));
        }
        if (infra != null) {
            infra.stop();
        }
    }

    @BeforeEach
    void stubProviders() {
        PROVIDERS.resetAll();
        PROVIDERS.stubFor(post(urlEqualTo(TWILIO_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM0001\",\"status\":\"queued\"}")));
        PROVIDERS.stubFor(post(urlEqualTo(FCM_PATH)).willReturn(okJson("{\"name\":\"projects/bourse-test/messages/0:1\"}")));
    }

    @AfterEach
    void stopDispatchers() {
        dispatchers.forEach(NotificationDispatcher::close);
    }

    private static DispatcherConfig everyChannel() {
        return DispatcherConfig.none()
                .withSmtp(new DispatcherConfig.Smtp("localhost", MAIL.getSmtp().getPort(), null, null, "Bourse <alerts@bourse.test>",
                        false, Duration.ofSeconds(5), "bourse.test"))
                .withTwilio(new DispatcherConfig.Twilio("AC-test", "twilio-secret", "+15005550006", null, PROVIDERS.baseUrl(),
                        Duration.ofSeconds(10)))
                .withFcm(DispatcherConfig.Fcm.withAccessToken("bourse-test", "fcm-access-token", PROVIDERS.baseUrl(), Duration.ofSeconds(10)))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(50), 2.0, Duration.ofMillis(200)));
    }

    private NotificationDispatcher dispatcher(final SimpleMeterRegistry registry) {
        return dispatcher(registry, everyChannel(), Channels.from(everyChannel()));
    }

    private NotificationDispatcher dispatcher(final SimpleMeterRegistry registry, final DispatcherConfig config,
            final Map<Channel, ChannelAdapter> adapters) {
        final NotificationDispatcher d = new NotificationDispatcher(endpoints, config, adapters, registry, Clock.systemUTC()).start();
        dispatchers.add(d);
        return d;
    }

    @Test
    void shouldDeliverADepositOnEveryChannelWithTheRightAmount() throws Exception {
        final String user = "u-" + UUID.randomUUID();
        final Instant now = Instant.now();
        send(Topics.ACCOUNTS_EVENTS, user, AccountEvent.newBuilder().setEventId(user + "-A1").setSequence(1)
                .setType(AccountEventType.REGISTERED).setUserId(user).setEmail("asha@bourse.test").setDisplayName("Asha Rao")
                .setKycStatus(KycStatus.NOT_SUBMITTED).setSuspended(false).setTimestampMs(now).build());
        send(Topics.NOTIFICATIONS_COMMANDS, user, NotificationCommand.newBuilder().setCommandId("c1")
                .setType(NotificationCommandType.UPDATE_PREFERENCES).setUserId(user).setPhone("+919800000001").setTimestampMs(now).build());
        send(Topics.NOTIFICATIONS_COMMANDS, user, NotificationCommand.newBuilder().setCommandId("c2")
                .setType(NotificationCommandType.REGISTER_DEVICE).setUserId(user).setPushToken("device-token-1").setTimestampMs(now).build());
        send(Topics.PAYMENTS_EVENTS, user, PaymentEvent.newBuilder().setEventId("d1:DEPOSIT_CONFIRMED")
                .setType(PaymentEventType.DEPOSIT_CONFIRMED).setUserId(user).setProvider("sandbox").setProviderPaymentId("pay_d1")
                .setAmountPaise(123_456_750L).setTimestampMs(now.plusMillis(1)).build());
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        dispatcher(registry);

        final List<NotificationDelivery> statuses = await().atMost(Duration.ofSeconds(45)).until(() -> statuses(user),
                s -> s.stream().filter(d -> d.getKind() == NotificationKind.DEPOSIT_CREDITED).count() == 3);

        assertThat(statuses).filteredOn(d -> d.getKind() == NotificationKind.DEPOSIT_CREDITED)
                .extracting(NotificationDelivery::getChannel, NotificationDelivery::getStatus)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(NotificationChannel.EMAIL, DeliveryStatus.SENT),
                        org.assertj.core.groups.Tuple.tuple(NotificationChannel.SMS, DeliveryStatus.SENT),
                        org.assertj.core.groups.Tuple.tuple(NotificationChannel.PUSH, DeliveryStatus.SENT));
        // The in-app one is in the inbox, filed by the topology; the dispatcher counts it and writes no status.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.get("bourse.notifications.sent")
                .tag("channel", "in_app").counter().count()).isGreaterThanOrEqualTo(1));
        final MimeMessage deposit = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> header(m, "X-Bourse-Notification-Id") != null && statuses.stream().anyMatch(s ->
                        s.getChannel() == NotificationChannel.EMAIL && s.getKind() == NotificationKind.DEPOSIT_CREDITED
                                && s.getNotificationId().equals(header(m, "X-Bourse-Notification-Id"))))
                .findFirst().orElseThrow();
        assertThat(deposit.getAllRecipients()[0].toString()).isEqualTo("asha@bourse.test");
        assertThat(deposit.getContentType()).startsWith("multipart/alternative");
        final String raw = GreenMailUtil.getWholeMessage(deposit);
        assertThat(deposit.getMessageID()).endsWith("@bourse.test>");
        final String text = GreenMailUtil.getBody(deposit);
        assertThat(decodedParts(deposit)).anySatisfy(part -> assertThat(part).contains("₹12,34,567.50"))
                .anySatisfy(part -> assertThat(part).contains("<html").contains("₹12,34,567.50"));
        assertThat(raw).contains("Subject:");
        assertThat(text).isNotBlank();

        final LoggedRequest sms = PROVIDERS.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH))).stream()
                .filter(r -> form(r).get("To").equals("+919800000001")).findFirst().orElseThrow();
        assertThat(sms.getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("AC-test:twilio-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(sms.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(sms)).containsEntry("From", "+15005550006");
        assertThat(form(sms).get("Body")).contains("₹12,34,567.50");

        final List<LoggedRequest> pushes = PROVIDERS.findAll(postRequestedFor(urlEqualTo(FCM_PATH)));
        assertThat(pushes).anySatisfy(push -> {
            assertThat(push.getHeader("Authorization")).isEqualTo("Bearer fcm-access-token");
            assertThat(push.getBodyAsString()).contains("\"token\":\"device-token-1\"").contains("₹12,34,567.50")
                    .contains("\"collapse_key\"");
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inbox(user).entries())
                .extracting(Inbox.Entry::kind).contains(io.bourse.notifications.core.NotificationKind.DEPOSIT_CREDITED,
                        io.bourse.notifications.core.NotificationKind.REGISTERED));
        assertThat(registry.get("bourse.notifications.sent").tag("channel", "email").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(registry.get("bourse.notifications.latency").tag("channel", "sms").timer().count()).isEqualTo(1);
    }

    @Test
    void shouldRetryAServerErrorAndThenSucceed() {
        PROVIDERS.stubFor(post(urlEqualTo(TWILIO_PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"code\":20503,\"message\":\"Service unavailable\"}"))
                .willSetStateTo("recovered"));
        PROVIDERS.stubFor(post(urlEqualTo(TWILIO_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM0002\"}")));
        final String user = "u-" + UUID.randomUUID();
        final Notification sms = notification(user, NotificationChannel.SMS, "+919800000002");
        send(Topics.NOTIFICATIONS, user, sms);
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        dispatcher(registry);

        final List<NotificationDelivery> statuses = await().atMost(Duration.ofSeconds(30)).until(() -> statuses(user), s -> !s.isEmpty());

        assertThat(statuses).singleElement().satisfies(s -> {
            assertThat(s.getStatus()).isEqualTo(DeliveryStatus.SENT);
            assertThat(s.getAttempts()).isEqualTo(2);
            assertThat(s.getProviderMessageId()).isEqualTo("SM0002");
        });
        assertThat(PROVIDERS.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)))).hasSize(2);
        assertThat(registry.get("bourse.notifications.retries").tag("channel", "sms").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAPermanentRefusalWithAFailedStatus() {
        PROVIDERS.stubFor(post(urlEqualTo(FCM_PATH)).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"message\":\"Requested entity was not found.\"}}")));
        final String user = "u-" + UUID.randomUUID();
        final Notification push = Notification.newBuilder(notification(user, NotificationChannel.PUSH, null))
                .setPushTokens(List.of("stale-token")).build();
        send(Topics.NOTIFICATIONS, user, push);
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        dispatcher(registry);

        final List<NotificationDelivery> statuses = await().atMost(Duration.ofSeconds(30)).until(() -> statuses(user), s -> !s.isEmpty());

        assertThat(statuses).singleElement().satisfies(s -> {
            assertThat(s.getStatus()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(s.getAttempts()).isEqualTo(1);
            assertThat(s.getReason()).startsWith("HTTP_404").contains("NOT_FOUND");
        });
        final List<NotificationDeadLetter> dead = read(Topics.NOTIFICATIONS_DEAD_LETTERS, user);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.getNotification().getNotificationId()).isEqualTo(push.getNotificationId());
            assertThat(d.getReason()).startsWith("HTTP_404");
        });
        assertThat(PROVIDERS.findAll(postRequestedFor(urlEqualTo(FCM_PATH)))).hasSize(1);
        assertThat(registry.get("bourse.notifications.failed").tag("channel", "push").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldSendNothingTwiceButTheMessageInFlightWhenKilledMidDeliveryAndRestarted() {
        PROVIDERS.stubFor(post(urlEqualTo(TWILIO_PATH)).willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM-slow\"}")
                .withFixedDelay(5_000)));
        final String user = "u-" + UUID.randomUUID();
        final Notification email = notification(user, NotificationChannel.EMAIL, "kill@bourse.test");
        final Notification inApp = notification(user, NotificationChannel.IN_APP, null);
        final Notification sms = notification(user, NotificationChannel.SMS, "+919800000003");
        final Notification push = Notification.newBuilder(notification(user, NotificationChannel.PUSH, null))
                .setPushTokens(List.of("device-9")).build();
        send(Topics.NOTIFICATIONS, user, email, inApp, sms, push);
        final NotificationDispatcher first = dispatcher(new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(30)).until(() -> PROVIDERS.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH))).size() == 1);
        // The other channels' workers do not wait for the SMS: the push behind it is settled meanwhile.
        // The in-app one, in the inbox already, is settled without a status.
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses(user).size() == 2);

        first.halt();
        assertThat(statuses(user)).extracting(NotificationDelivery::getNotificationId)
                .containsExactlyInAnyOrder(email.getNotificationId(), push.getNotificationId());
        stubProviders();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        dispatcher(registry);

        final List<NotificationDelivery> statuses = await().atMost(Duration.ofSeconds(30)).until(() -> statuses(user), s -> s.size() == 3);
        assertThat(statuses).extracting(NotificationDelivery::getNotificationId).doesNotHaveDuplicates()
                .doesNotContain(inApp.getNotificationId());
        assertThat(statuses).extracting(NotificationDelivery::getStatus).containsOnly(DeliveryStatus.SENT);
        assertThat(Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> email.getNotificationId().equals(header(m, "X-Bourse-Notification-Id")))).hasSize(1);
        // The SMS in flight was sent again (Twilio takes no idempotency key): at least once, and only that one.
        assertThat(PROVIDERS.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)))).hasSize(1);
        // The push was settled past the uncommitted SMS: replayed from Kafka, skipped by its status, not sent again.
        assertThat(PROVIDERS.findAll(postRequestedFor(urlEqualTo(FCM_PATH)))).isEmpty();
        assertThat(registry.get("bourse.notifications.replayed").tag("channel", "push").counter().count()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inbox(user).entries())
                .extracting(Inbox.Entry::notificationId).containsExactly(inApp.getNotificationId()));
        assertThat(inbox(user).unread()).isEqualTo(1);
    }

    @Test
    void shouldDeliverSmsWhileTheSmtpServerIsSlowAndReplayNeitherTwiceAfterACrash() throws Exception {
        final CountDownLatch smtpAnswers = new CountDownLatch(1);
        final CountDownLatch smtpCalled = new CountDownLatch(1);
        final Map<Channel, ChannelAdapter> adapters = new EnumMap<>(Channels.from(everyChannel()));
        final ChannelAdapter smtp = adapters.get(Channel.EMAIL);
        adapters.put(Channel.EMAIL, new ChannelAdapter() {
            @Override
            public Channel channel() {
                return Channel.EMAIL;
            }

            @Override
            public Attempt send(final Message message) throws InterruptedException {
                smtpCalled.countDown();
                smtpAnswers.await(); // an SMTP server that does not answer until the test lets it
                return smtp.send(message);
            }
        });
        final String user = "u-" + UUID.randomUUID();
        final Notification email = notification(user, NotificationChannel.EMAIL, "slow@bourse.test");
        final Notification sms = notification(user, NotificationChannel.SMS, "+919800000009");
        final Notification inApp = notification(user, NotificationChannel.IN_APP, null);
        send(Topics.NOTIFICATIONS, user, email, sms, inApp);
        final SimpleMeterRegistry before = new SimpleMeterRegistry();
        final NotificationDispatcher first = dispatcher(before, everyChannel(), adapters);

        // The SMS, behind the e-mail in the same partition, is settled while the e-mail waits; the in-app one
        // is settled as it is read, without a status (the inbox is its record).
        final List<NotificationDelivery> whileSlow = await().atMost(Duration.ofSeconds(30)).until(() -> statuses(user),
                s -> !s.isEmpty());
        assertThat(smtpCalled.getCount()).as("the e-mail is being sent").isZero();
        assertThat(whileSlow).singleElement().satisfies(s -> {
            assertThat(s.getNotificationId()).isEqualTo(sms.getNotificationId());
            assertThat(s.getStatus()).isEqualTo(DeliveryStatus.SENT);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(before.get("bourse.notifications.sent")
                .tag("channel", "in_app").counter().count()).isEqualTo(1));

        // Killed while the e-mail is still in hand: the e-mail holds back the commit, so both are replayed.
        first.halt();
        assertThat(Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> email.getNotificationId().equals(header(m, "X-Bourse-Notification-Id")))).isEmpty();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        dispatcher(registry);

        final List<NotificationDelivery> statuses = await().atMost(Duration.ofSeconds(30)).until(() -> statuses(user), s -> s.size() == 2);
        assertThat(statuses).extracting(NotificationDelivery::getNotificationId)
                .containsExactly(sms.getNotificationId(), email.getNotificationId());
        assertThat(statuses).extracting(NotificationDelivery::getStatus).containsOnly(DeliveryStatus.SENT);
        assertThat(registry.get("bourse.notifications.replayed").tag("channel", "sms").counter().count()).isEqualTo(1);
        assertThat(PROVIDERS.findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)))).hasSize(1);
        assertThat(Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> email.getNotificationId().equals(header(m, "X-Bourse-Notification-Id")))).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inbox(user).entries())
                .extracting(Inbox.Entry::notificationId).containsExactly(inApp.getNotificationId()));
        smtpAnswers.countDown();
    }

    @Test
    void shouldSkipWithAReasonWhatTheUserTurnedOffOrWhatHasNowhereToGo() {
        final String user = "u-" + UUID.randomUUID();
        final Instant now = Instant.now();
        send(Topics.ACCOUNTS_EVENTS, user, AccountEvent.newBuilder().setEventId(user + "-A1").setSequence(1)
                .setType(AccountEventType.REGISTERED).setUserId(user).setEmail("off@bourse.test").setDisplayName("Kiran Das")
                .setKycStatus(KycStatus.NOT_SUBMITTED).setSuspended(false).setTimestampMs(now).build());
        send(Topics.PAYMENTS_EVENTS, user, PaymentEvent.newBuilder().setEventId("d-off:DEPOSIT_CONFIRMED")
                .setType(PaymentEventType.DEPOSIT_CONFIRMED).setUserId(user).setProvider("sandbox").setProviderPaymentId("pay_off")
                .setAmountPaise(50_000L).setTimestampMs(now.plusMillis(1)).build());
        final Notification depositMail = await().atMost(Duration.ofSeconds(30)).until(() -> read(Topics.NOTIFICATIONS, user).stream()
                .filter(n -> n.getKind() == NotificationKind.DEPOSIT_CREDITED && n.getChannel() == NotificationChannel.EMAIL)
                .findFirst().orElse(null), n -> n != null);
        // Written while e-mail was on for deposits; turned off before the dispatcher gets to it.
        send(Topics.NOTIFICATIONS_COMMANDS, user, NotificationCommand.newBuilder().setCommandId("c-off")
                .setType(NotificationCommandType.UPDATE_PREFERENCES).setUserId(user).setSettings(List.of(ChannelSetting.newBuilder()
                        .setKind(NotificationKind.DEPOSIT_CREDITED).setChannel(NotificationChannel.EMAIL).setEnabled(false).build()))
                .setTimestampMs(now.plusMillis(2)).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> read(NotificationsNames.PREFERENCES.changelogTopic(NotificationsNames.APPLICATION_ID),
                NotificationsNames.PREFERENCES.valueSerde(endpoints.serdeConfig()).deserializer(), user).stream()
                .anyMatch(p -> p.getSettings().stream().anyMatch(c -> !c.getEnabled())));
        final Notification noAddress = notification(user, NotificationKind.KYC_APPROVED, NotificationChannel.EMAIL, null);
        final Notification noDevice = notification(user, NotificationKind.KYC_APPROVED, NotificationChannel.PUSH, null);
        final Notification noTwilio = notification(user, NotificationKind.KYC_APPROVED, NotificationChannel.SMS, "+919800000004");
        send(Topics.NOTIFICATIONS, user, noAddress, noDevice, noTwilio);
        final DispatcherConfig withoutTwilio = everyChannel().withTwilio(null);
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        dispatcher(registry, withoutTwilio, Channels.from(withoutTwilio));

        final List<NotificationDelivery> statuses = await().atMost(Duration.ofSeconds(45)).until(() -> statuses(user), s -> s.size() == 5);

        assertThat(statuses).extracting(NotificationDelivery::getKind, NotificationDelivery::getChannel, NotificationDelivery::getStatus,
                NotificationDelivery::getReason).containsExactlyInAnyOrder(
                tuple(NotificationKind.REGISTERED, NotificationChannel.EMAIL, DeliveryStatus.SENT, null),
                tuple(NotificationKind.DEPOSIT_CREDITED, NotificationChannel.EMAIL, DeliveryStatus.SKIPPED, "TURNED_OFF"),
                tuple(NotificationKind.KYC_APPROVED, NotificationChannel.EMAIL, DeliveryStatus.SKIPPED, "NO_RECIPIENT"),
                tuple(NotificationKind.KYC_APPROVED, NotificationChannel.PUSH, DeliveryStatus.SKIPPED, "NO_DEVICE"),
                tuple(NotificationKind.KYC_APPROVED, NotificationChannel.SMS, DeliveryStatus.SKIPPED, "CHANNEL_DISABLED"));
        assertThat(statuses).filteredOn(s -> s.getStatus() == DeliveryStatus.SKIPPED).extracting(NotificationDelivery::getAttempts)
                .containsOnly(0);
        assertThat(Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> depositMail.getNotificationId().equals(header(m, "X-Bourse-Notification-Id")))).isEmpty();
        assertThat(read(Topics.NOTIFICATIONS_DEAD_LETTERS, user)).as("a skip is not a failure").isEmpty();
        assertThat(registry.get("bourse.notifications.skipped").tags("channel", "email", "reason", "TURNED_OFF").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("bourse.notifications.skipped").tags("channel", "email", "reason", "NO_RECIPIENT").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("bourse.notifications.skipped").tags("channel", "push", "reason", "NO_DEVICE").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("bourse.notifications.skipped").tags("channel", "sms", "reason", "CHANNEL_DISABLED").counter().count())
                .isEqualTo(1);
    }

    private static Notification notification(final String user, final NotificationChannel channel, final String recipient) {
        return notification(user, NotificationKind.DEPOSIT_CREDITED, channel, recipient);
    }

    private static Notification notification(final String user, final NotificationKind kind, final NotificationChannel channel,
            final String recipient) {
        return Notification.newBuilder().setNotificationId(UUID.randomUUID().toString()).setUserId(user)
                .setKind(kind).setChannel(channel).setRecipient(recipient)
                .setSubject(channel == NotificationChannel.SMS ? null : "Deposit credited")
                .setBodyText("₹1,000.00 credited to your account.")
                .setBodyHtml(channel == NotificationChannel.EMAIL ? "<html><body><p>₹1,000.00 credited.</p></body></html>" : null)
                .setCreatedAtMs(Instant.now()).setSourceTopic(Topics.PAYMENTS_EVENTS.name()).setSourceEventId("e-" + user).build();
    }

    @SafeVarargs
    private static <V extends SpecificRecord> void send(final Topic<V> topic, final String key, final V... values) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(endpoints.clientConfig(Map.of()), new StringSerializer(),
                topic.valueSerde(endpoints.serdeConfig()).serializer())) {
            for (final V value : values) {
                producer.send(new ProducerRecord<>(topic.name(), key, value));
            }
            producer.flush();
        }
    }

    private static List<NotificationDelivery> statuses(final String user) {
        return read(Topics.NOTIFICATIONS_DELIVERIES, user);
    }

    private static <V extends SpecificRecord> List<V> read(final Topic<V> topic, final String user) {
        return read(topic.name(), topic.valueSerde(endpoints.serdeConfig()).deserializer(), user);
    }

    /** The committed values of {@code topic} under key {@code user}, oldest first. */
    private static <V> List<V> read(final String topic, final Deserializer<V> deserializer, final String user) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(endpoints.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(), deserializer)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final List<V> values = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (final ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (user.equals(r.key())) {
                        values.add(r.value());
                    }
                }
            }
            return values;
        }
    }

    private static Inbox inbox(final String user) {
        return NotificationsQueries.inbox(topology.store(StoreQueryParameters.fromNameAndType(NotificationsNames.INBOX_ENTRIES.name(),
                        QueryableStoreTypes.<String, InboxEntry>keyValueStore())),
                topology.store(StoreQueryParameters.fromNameAndType(NotificationsNames.INBOX.name(),
                        QueryableStoreTypes.<String, NotificationInbox>keyValueStore())), user);
    }

    private static String header(final MimeMessage message, final String name) {
        try {
            return message.getHeader(name, null);
        } catch (final jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> decodedParts(final MimeMessage message) throws Exception {
        final jakarta.mail.internet.MimeMultipart multipart = (jakarta.mail.internet.MimeMultipart) message.getContent();
        final List<String> parts = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            parts.add(multipart.getBodyPart(i).getContent().toString());
        }
        return parts;
    }

    private static Map<String, String> form(final LoggedRequest request) {
        final Map<String, String> form = new HashMap<>();
        for (final String pair : request.getBodyAsString().split("&")) {
            final String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
