package io.bourse.notifications.dispatch.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.bourse.notifications.dispatch.DispatcherConfig;
import io.bourse.notifications.dispatch.core.Attempt;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import io.bourse.notifications.dispatch.core.Message;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push with access tokens minted from a Google service account: WireMock plays both Google's token
 * endpoint (the key file's {@code token_uri}) and FCM's send endpoint; the key pair is made here.
 */
class FcmServiceAccountTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FCM_PATH = "/v1/projects/bourse-sa/messages:send";
    private static final String CLIENT_EMAIL = "push@bourse-sa.iam.gserviceaccount.com";
    private static final WireMockServer GOOGLE = new WireMockServer(options().dynamicPort());

    private static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        GOOGLE.start();
    }

    @AfterAll
    static void stop() {
        GOOGLE.stop();
    }

    @BeforeEach
    void stub() {
        GOOGLE.resetAll();
        GOOGLE.stubFor(post(urlEqualTo(FCM_PATH)).willReturn(okJson("{\"name\":\"projects/bourse-sa/messages/0:1\"}")));
    }

    private String serviceAccount() throws Exception {
        final String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        final Map<String, String> account = Map.of("type", "service_account", "project_id", "bourse-sa", "private_key_id", "key-1",
                "private_key", pem, "client_email", CLIENT_EMAIL, "client_id", "1234567890", "token_uri", tokenUri());
        return JSON.writeValueAsString(account);
    }

    private static String tokenUri() {
        return GOOGLE.baseUrl() + "/token";
    }

    private Path keyFile() throws Exception {
        return Files.writeString(dir.resolve("service-account.json"), serviceAccount());
    }

    private static ChannelAdapter push(final DispatcherConfig.Fcm fcm) {
        return Channels.from(DispatcherConfig.none().withFcm(fcm)).get(Channel.PUSH);
    }

    private static Message message(final String id) {
        return new Message(id, "u-1", "ORDER_FILLED", Channel.PUSH, null, "Order filled", "Bought 10 TCS at ₹3,500.00", null,
                List.of("device-1"));
    }

    private static void tokenAnswers(final String... tokens) {
        String state = Scenario.STARTED;
        for (int i = 0; i < tokens.length; i++) {
            final String next = "token-" + (i + 1);
            GOOGLE.stubFor(post(urlEqualTo("/token")).inScenario("tokens").whenScenarioStateIs(state)
                    .willReturn(okJson(tokens[i])).willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void shouldMintASignedTokenForTheMessagingScopeAndReuseItUntilShortlyBeforeItExpires() throws Exception {
        tokenAnswers("{\"access_token\":\"ya29.minted-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        final ChannelAdapter push = push(new DispatcherConfig.Fcm(null, null, keyFile().toString(), null, GOOGLE.baseUrl(),
                Duration.ofSeconds(10)));
        final Instant before = Instant.now();

        assertThat(push).isInstanceOf(FcmChannel.class);
        assertThat(push.send(message("n-1"))).isInstanceOf(Attempt.Accepted.class);
        assertThat(push.send(message("n-2"))).isInstanceOf(Attempt.Accepted.class);

        final List<LoggedRequest> minted = GOOGLE.findAll(postRequestedFor(urlEqualTo("/token")));
        assertThat(minted).as("one token for both pushes").hasSize(1);
        final Map<String, String> form = form(minted.get(0).getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        final String[] jwt = form.get("assertion").split("\\.");
        assertThat(jwt).hasSize(3);
        final JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isEqualTo("key-1");
        final Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signed with the service account's key").isTrue();
        final JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(CLIENT_EMAIL);
        // Google's one audience for the JWT bearer flow, whatever token_uri the request goes to (it went to the fake's).
        assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        assertThat(claims.path("iat").asLong()).isBetween(before.getEpochSecond() - 60, Instant.now().getEpochSecond() + 60);

        final List<LoggedRequest> sent = GOOGLE.findAll(postRequestedFor(urlEqualTo(FCM_PATH)));
        assertThat(sent).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer ya29.minted-1"));
        assertThat(sent.get(0).getBodyAsString()).contains("\"token\":\"device-1\"");
    }

    @Test
    void shouldMintANewTokenWhenTheLastIsAboutToExpire() throws Exception {
        // 60 s left is inside the refresh margin: the second push must not go out with the first token.
        tokenAnswers("{\"access_token\":\"ya29.short-1\",\"expires_in\":60,\"token_type\":\"Bearer\"}",
                "{\"access_token\":\"ya29.fresh-2\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        final ChannelAdapter push = push(new DispatcherConfig.Fcm("bourse-sa", null, null, serviceAccount(), GOOGLE.baseUrl(), null));

        assertThat(push.send(message("n-1"))).isInstanceOf(Attempt.Accepted.class);
        assertThat(push.send(message("n-2"))).isInstanceOf(Attempt.Accepted.class);

        assertThat(GOOGLE.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
        assertThat(GOOGLE.findAll(postRequestedFor(urlEqualTo(FCM_PATH)))).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer ya29.short-1", "Bearer ya29.fresh-2");
    }

    @Test
    void shouldFailAtOnceWhenGoogleRefusesTheKey() throws Exception {
        GOOGLE.stubFor(post(urlEqualTo("/token")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT\"}")));
        final ChannelAdapter push = push(new DispatcherConfig.Fcm(null, null, keyFile().toString(), null, GOOGLE.baseUrl(), null));

        assertThat(push.send(message("n-1"))).as("a refused key does not heal on a retry")
                .isInstanceOfSatisfying(Attempt.Permanent.class, p -> assertThat(p.code()).isEqualTo("FCM_TOKEN"));
        assertThat(GOOGLE.findAll(postRequestedFor(urlEqualTo(FCM_PATH)))).isEmpty();
    }

    @Test
    void shouldRetryWhenTheTokenEndpointIsDown() throws Exception {
        GOOGLE.stubFor(post(urlEqualTo("/token")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        final ChannelAdapter push = push(new DispatcherConfig.Fcm(null, null, keyFile().toString(), null, GOOGLE.baseUrl(), null));

        assertThat(push.send(message("n-1"))).isInstanceOfSatisfying(Attempt.Transient.class,
                t -> assertThat(t.code()).isEqualTo("FCM_TOKEN"));
        assertThat(GOOGLE.findAll(postRequestedFor(urlEqualTo(FCM_PATH)))).isEmpty();
    }

    @Test
    void shouldDisablePushWithoutFailingWhenTheServiceAccountIsMissingOrUnusable() throws Exception {
        final Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"type\":\"service_account\",\"private_key\":\"nope\"}");

        assertThat(push(new DispatcherConfig.Fcm(null, null, null, null, null, null))).isNull();
        assertThat(push(new DispatcherConfig.Fcm(null, null, dir.resolve("absent.json").toString(), null, null, null))).isNull();
        assertThat(push(new DispatcherConfig.Fcm(null, null, garbage.toString(), null, null, null))).isNull();
        assertThat(push(new DispatcherConfig.Fcm(null, null, null, "not json at all", null, null))).isNull();
        assertThat(Channels.from(DispatcherConfig.none().withFcm(new DispatcherConfig.Fcm(null, null, garbage.toString(), null, null,
                null))).keySet()).doesNotContain(Channel.PUSH).isEmpty();
    }

    private static Map<String, String> form(final String body) {
        final Map<String, String> form = new HashMap<>();
        for (final String pair : body.split("&")) {
            final String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
