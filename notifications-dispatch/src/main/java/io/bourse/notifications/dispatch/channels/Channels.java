package io.bourse.notifications.dispatch.channels;

import io.bourse.notifications.dispatch.DispatcherConfig;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
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
        adapters.put(Channel.IN_APP, new InAppChannel());
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
            final String token = config.fcm().accessToken();
            adapters.put(Channel.PUSH, new FcmChannel(config.fcm(), http, () -> token));
            LOG.info("Push goes through {}", config.fcm());
        } else if (config.logSmsAndPush()) {
            adapters.put(Channel.PUSH, new LogChannel(Channel.PUSH));
            LOG.info("Push goes to the log: no Firebase project configured");
        } else {
            LOG.warn("Push is disabled: no Firebase project configured (BOURSE_FCM_PROJECT_ID, BOURSE_FCM_ACCESS_TOKEN); pushes are recorded as SKIPPED");
        }
        return adapters;
    }
}
