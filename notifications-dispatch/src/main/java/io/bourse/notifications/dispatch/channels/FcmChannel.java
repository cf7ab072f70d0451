package io.bourse.notifications.dispatch.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auth.Retryable;
import io.bourse.notifications.dispatch.DispatcherConfig;
import io.bourse.notifications.dispatch.core.Attempt;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import io.bourse.notifications.dispatch.core.Message;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Push through Firebase Cloud Messaging's HTTP v1 API: {@code POST /v1/projects/{project}/messages:send}
 * with a bearer token (minted from a service account by {@link ServiceAccountTokens}), one request per
 * device token. FCM takes no idempotency key; the notification id
 * is the message's collapse key on Android ({@code android.collapse_key}) and iOS
 * ({@code apns-collapse-id}), so a redelivered push replaces the first on the device instead of showing
 * twice.
 *
 * <p>A message with several devices is sent if any device accepted it; a device that refused it for good
 * (an unregistered token) does not stop the rest. Devices that accepted are not sent to again when a
 * transient failure of another one is retried.
 */
public final class FcmChannel implements ChannelAdapter {

    /** Where the bearer tokens come from: minted from a service account, or one fixed token. */
    @FunctionalInterface
    public interface AccessTokens {
        /** A token valid for a while yet; an {@link IOException} is retried as a transient failure. */
        String token() throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final AccessTokens accessTokens;
    private final DispatcherConfig.Fcm config;
    /** What the devices said to a message being retried, by notification id; dropped once it is settled. */
    private final Map<String, Progress> inProgress = new HashMap<>();

    private static final class Progress {
        private final Set<String> accepted = new HashSet<>();
        private final Set<String> refused = new HashSet<>();
        private final List<String> names = new ArrayList<>();
    }

    /** @param projectId the Firebase project to send through (the configured one, or the service account's) */
    public FcmChannel(final DispatcherConfig.Fcm config, final String projectId, final HttpClient http, final AccessTokens accessTokens) {
        this.config = config;
        this.http = http;
        this.accessTokens = accessTokens;
        this.endpoint = URI.create(config.baseUrl().replaceAll("/+$", "") + "/v1/projects/"
                + URLEncoder.encode(projectId, StandardCharsets.UTF_8) + "/messages:send");
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public Attempt send(final Message message) throws InterruptedException {
        if (message.pushTokens().isEmpty()) {
            return new Attempt.Permanent("NO_DEVICE", "the user has no push token");
        }
        final Progress progress = inProgress.computeIfAbsent(message.id(), id -> new Progress());
        Attempt transientFailure = null;
        Attempt permanentFailure = null;
        for (final String token : message.pushTokens()) {
            if (progress.accepted.contains(token) || progress.refused.contains(token)) {
                continue;
            }
            final Attempt one = sendTo(token, message);
            if (one instanceof Attempt.Accepted a) {
                progress.accepted.add(token);
                if (a.providerId() != null) {
                    progress.names.add(a.providerId());
                }
            } else if (one instanceof Attempt.Transient) {
                transientFailure = one;
            } else {
                progress.refused.add(token);
                permanentFailure = one;
            }
        }
        if (transientFailure != null) {
            return transientFailure;
        }
        inProgress.remove(message.id());
        if (!progress.accepted.isEmpty()) {
            return new Attempt.Accepted(progress.names.isEmpty() ? null : String.join(",", progress.names));
        }
        return permanentFailure;
    }

    private Attempt sendTo(final String token, final Message message) throws InterruptedException {
        final ObjectNode body = JSON.createObjectNode();
        final ObjectNode fcm = body.putObject("message");
        fcm.put("token", token);
        final ObjectNode notification = fcm.putObject("notification");
        notification.put("title", message.subject() == null ? "Bourse" : message.subject());
        notification.put("body", message.text());
        fcm.putObject("data").put("notificationId", message.id()).put("kind", message.kind());
        fcm.putObject("android").put("collapse_key", message.id());
        fcm.putObject("apns").putObject("headers").put("apns-collapse-id", message.id().length() > 64
                ? message.id().substring(0, 64) : message.id());
        final String bearer;
        try {
            bearer = accessTokens.token();
        } catch (final IOException | RuntimeException e) {
            // Google's token endpoint refusing the key (400 invalid_grant: revoked, deleted, clock skew) will not
            // change on a retry, and retrying each push five times would hold back the channel: only an outage is transient.
            return e instanceof Retryable retryable && !retryable.isRetryable()
                    ? new Attempt.Permanent("FCM_TOKEN", e.getMessage()) : new Attempt.Transient("FCM_TOKEN", e.getMessage());
        }
        final HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint).timeout(config.timeout())
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build();
        } catch (final IOException e) {
            throw new IllegalStateException("Cannot write an FCM request", e);
        }
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 2) {
                return new Attempt.Accepted(TwilioChannel.field(response.body(), "name"));
            }
            return HttpOutcomes.failure(response.statusCode(), response.body());
        } catch (final IOException e) {
            return HttpOutcomes.network(e);
        }
    }
}
