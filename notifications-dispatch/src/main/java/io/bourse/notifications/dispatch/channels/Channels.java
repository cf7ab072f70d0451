package io.bourse.notifications.dispatch.channels;

import io.bourse.notifications.dispatch.DispatcherConfig;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The adapters a configuration enables, one per channel; a channel without one is disabled, said once in the log. */
public final class Channels {

    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private Channels() {
    }

    public static Map<Channel, ChannelAdapter> from(final DispatcherConfig config) {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final Map<Channel, ChannelAdapter> adapters = new EnumMap<>(Channel.class);
        if (config.smtp() != null && config.smtp().configured()) {
            adapters.put(Channel.EMAIL, new SmtpChannel(config.smtp()));
            LOG.info("E-mail goes through {}", config.smtp());
        } else {
            LOG.warn("E-mail is disabled: no SMTP server configured (BOURSE_SMTP_HOST and BOURSE_SMTP_FROM); e-mails are recorded as SKIPPED");
        }
        if (config.twilio() != null && config.twilio().configured()) {
            adapters.put(Channel.SMS, new TwilioChannel(config.twilio(), http));
            LOG.info("SMS goes through {}", config.twilio());
        } else if (config.logSmsAndPush()) {
            adapters.put(Channel.SMS, new LogChannel(Channel.SMS));
            LOG.info("SMS goes to the log: no Twilio account configured");
        } else {
            LOG.warn("SMS is disabled: no Twilio account configured (BOURSE_TWILIO_ACCOUNT_SID, _AUTH_TOKEN, _FROM); SMS are recorded as SKIPPED");
        }
        if (config.fcm() != null && config.fcm().configured()) {
            final ChannelAdapter push = fcm(config.fcm(), http);
            if (push != null) {
                adapters.put(Channel.PUSH, push);
            }
        } else if (config.logSmsAndPush()) {
            adapters.put(Channel.PUSH, new LogChannel(Channel.PUSH));
            LOG.info("Push goes to the log: no Firebase project configured");
        } else {
            LOG.warn("Push is disabled: no Firebase service account configured (BOURSE_FCM_SERVICE_ACCOUNT_FILE or "
                    + "BOURSE_FCM_SERVICE_ACCOUNT_JSON); pushes are recorded as SKIPPED");
        }
        return adapters;
    }

    /** FCM with tokens from the service account, or the fixed token; null (said once in the log) when unusable. */
    private static ChannelAdapter fcm(final DispatcherConfig.Fcm config, final HttpClient http) {
        if (!config.hasServiceAccount()) {
            final String token = config.accessToken();
            LOG.info("Push goes through {}; a fixed access token expires within the hour, prefer a service account", config);
            return new FcmChannel(config, config.projectId(), http, () -> token);
        }
        final ServiceAccountTokens tokens;
        try {
            tokens = ServiceAccountTokens.from(config);
        } catch (final IOException e) {
            LOG.warn("Push is disabled: the Firebase service account cannot be read ({}); pushes are recorded as SKIPPED",
                    e.getMessage());
            return null;
        }
        final String project = config.projectId() == null || config.projectId().isBlank() ? tokens.projectId() : config.projectId();
        if (project == null || project.isBlank()) {
            LOG.warn("Push is disabled: no Firebase project (BOURSE_FCM_PROJECT_ID, or project_id in the service account); "
                    + "pushes are recorded as SKIPPED");
            return null;
        }
        LOG.info("Push goes through {} (project {})", config, project);
        return new FcmChannel(config, project, http, tokens);
    }
}
