package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.bourse.edge.BourseNode;
import io.bourse.edge.Http;
import io.bourse.edge.TestData;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The node hosting the notifications topology and the dispatcher: a registration reaches a real SMTP
 * server (GreenMail) as the welcome e-mail and the user's in-app inbox, which the REST endpoints page,
 * count and mark read; preferences and devices go through commands.
 */
@SpringBootTest(classes = {BourseNode.class, DemoExchange.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("broker")
class NotificationsNodeTest {

    private static final Path DATA = TestData.directory("bourse-notifications");
    private static final ServerSetup SMTP = ServerSetupTest.SMTP.dynamicPort();
    private static final GreenMail MAIL = new GreenMail(SMTP);

    static {
        MAIL.start();
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(final DynamicPropertyRegistry registry) {
        registry.add("bourse.data-dir", DATA::toString);
        registry.add("bourse.kafka.embedded-kafka-port", () -> 0);
        registry.add("bourse.kafka.embedded-registry-port", () -> 0);
        registry.add("bourse.simulator.enabled", () -> false);
        registry.add("bourse.security.jwt-secret", () -> "a-notifications-test-secret-of-32-bytes!");
        registry.add("bourse.notifications.smtp.host", () -> "localhost");
        registry.add("bourse.notifications.smtp.port", () -> MAIL.getSmtp().getPort());
        registry.add("bourse.notifications.smtp.from", () -> "Bourse <alerts@bourse.test>");
        registry.add("bourse.notifications.smtp.start-tls", () -> false);
    }

    @AfterAll
    void stopMail() {
        MAIL.stop();
    }

    @Test
    void shouldMailTheWelcomeAndKeepItInTheInboxUntilRead() {
        final Http http = new Http(port);
        final String token = http.signUp("meera@bourse.test", "Meera Iyer").path("accessToken").asString();

        final MimeMessage welcome = await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> recipient(m).equals("meera@bourse.test")).findFirst().orElse(null), m -> m != null);
        assertThat(subject(welcome)).isEqualTo("Welcome to Bourse");

        final JsonNode inbox = await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/notifications", token),
                r -> r.status() == 200 && r.body().path("unread").asInt() == 1).body();
        final JsonNode first = inbox.path("items").get(0);
        assertThat(first.path("kind").asString()).isEqualTo("REGISTERED");
        assertThat(first.path("read").asBoolean()).isFalse();

        assertThat(http.post("/api/v1/notifications/" + first.path("id").asString() + "/read", Map.of(), token).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/notifications", token).body().path("unread").asInt() == 0);
        assertThat(http.get("/api/v1/notifications?page=0&size=1", token).body().path("items").get(0).path("read").asBoolean()).isTrue();
    }

    @Test
    void shouldApplyPreferencesAndDevicesAndRefuseBadOnesWithProblems() {
        final Http http = new Http(port);
        final String token = http.signUp("ravi@bourse.test", "Ravi Kumar").path("accessToken").asString();

        assertThat(http.put("/api/v1/notifications/preferences", Map.of("timeZone", "Mars/Olympus"), token).code())
                .isEqualTo("INVALID_TIME_ZONE");
        assertThat(http.put("/api/v1/notifications/preferences", Map.of("channels", Map.of("NOPE", Map.of("EMAIL", true))), token)
                .code()).isEqualTo("UNKNOWN_NOTIFICATION_KIND");
        assertThat(http.put("/api/v1/notifications/preferences", Map.of("quietHoursStart", "22:00"), token).code())
                .isEqualTo("INVALID_QUIET_HOURS");
        assertThat(http.put("/api/v1/notifications/preferences", Map.of("quietHoursStart", "22:00", "quietHoursEnd", "07:00",
                "phone", "+919800000009", "channels", Map.of("ORDER_FILLED", Map.of("EMAIL", false))), token).status()).isEqualTo(202);
        assertThat(http.post("/api/v1/notifications/devices", Map.of("token", "device-token-1"), token).status()).isEqualTo(202);

        final JsonNode preferences = await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/v1/notifications/preferences", token),
                        r -> r.status() == 200 && r.body().path("pushDevices").asInt() == 1).body();
        assertThat(preferences.path("quietHoursStart").asString()).isEqualTo("22:00");
        assertThat(preferences.path("quietHoursEnd").asString()).isEqualTo("07:00");
        assertThat(preferences.path("phone").asString()).isEqualTo("+919800000009");
        assertThat(preferences.path("email").asString()).isEqualTo("ravi@bourse.test");
        assertThat(preferences.path("channels").path("ORDER_FILLED").path("EMAIL").asBoolean()).isFalse();
        assertThat(preferences.path("channels").path("ORDER_FILLED").path("IN_APP").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/notifications?size=0", token).code()).isNotBlank();
        assertThat(http.get("/api/v1/notifications", null).status()).isEqualTo(401);
        // With an SMTP server configured, the launcher runs no mail server of its own and serves no outbox.
        assertThat(http.get("/api/v1/demo/mail", token).status()).isEqualTo(404);
    }

    private static String recipient(final MimeMessage m) {
        try {
            return List.of(m.getAllRecipients()).get(0).toString();
        } catch (final jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(final MimeMessage m) {
        try {
            return m.getSubject();
        } catch (final jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
