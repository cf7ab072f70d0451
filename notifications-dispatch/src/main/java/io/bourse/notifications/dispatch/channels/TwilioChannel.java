package io.bourse.notifications.dispatch.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SMS through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json},
 * form-encoded {@code To}, {@code From} (or {@code MessagingServiceSid}) and {@code Body}, HTTP basic
 * auth with the account SID and auth token. Twilio takes no idempotency key for creating a message, so a
 * message whose answer was lost (a timeout, a crash before the status was written) may be sent twice.
 */
public final class TwilioChannel implements ChannelAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DispatcherConfig.Twilio config;
    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;

    public TwilioChannel(final DispatcherConfig.Twilio config, final HttpClient http) {
        this.config = config;
        this.http = http;
        this.endpoint = URI.create(config.baseUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                + URLEncoder.encode(config.accountSid(), StandardCharsets.UTF_8) + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.accountSid() + ":" + config.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Attempt send(final Message message) throws InterruptedException {
        if (message.recipient() == null || !message.recipient().matches("\\+[1-9][0-9]{6,14}")) {
            return new Attempt.Permanent("INVALID_PHONE", "not an E.164 number");
        }
        final Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.recipient());
        if (config.messagingServiceSid() != null && !config.messagingServiceSid().isBlank()) {
            form.put("MessagingServiceSid", config.messagingServiceSid());
        } else {
            form.put("From", config.from());
        }
        form.put("Body", message.text());
        final String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        final HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(config.timeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 2) {
                return new Attempt.Accepted(field(response.body(), "sid"));
            }
            return HttpOutcomes.failure(response.statusCode(), response.body());
        } catch (final IOException e) {
            return HttpOutcomes.network(e);
        }
    }

    static String field(final String json, final String name) {
        try {
            final JsonNode node = JSON.readTree(json);
            return node == null || !node.hasNonNull(name) ? null : node.get(name).asText();
        } catch (final IOException e) {
            return null;
        }
    }
}
