package io.bourse.edge.notify;

import io.bourse.notifications.dispatch.DispatcherConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The notifications settings of a node, under {@code bourse.notifications}. A channel without its
 * credentials is disabled (its notifications are recorded as SKIPPED), never an error.
 *
 * @param dispatcherEnabled whether this node delivers notifications (all nodes share one consumer group)
 * @param logSmsAndPush send SMS and push to the log when Twilio or FCM is not configured
 */
@ConfigurationProperties("bourse.notifications")
public record NotificationProperties(Boolean dispatcherEnabled, Boolean logSmsAndPush, Smtp smtp, Twilio twilio, Fcm fcm) {

    public NotificationProperties {
        dispatcherEnabled = dispatcherEnabled == null || dispatcherEnabled;
        logSmsAndPush = logSmsAndPush != null && logSmsAndPush;
    }

    /** An SMTP server; {@code host} and {@code from} enable e-mail. */
    public record Smtp(String host, Integer port, String username, String password, String from, Boolean startTls) {
    }

    /** A Twilio account; SID, token and a sender ({@code from} or a messaging service) enable SMS. */
    public record Twilio(String accountSid, String authToken, String from, String messagingServiceSid, String baseUrl) {
    }

    /**
     * A Firebase project: a service account (its JSON key file, or the JSON itself) enables push, with the
     * project id taken from it unless given; a project id with a fixed access token does too, for a trial.
     */
    public record Fcm(String projectId, String accessToken, String serviceAccountFile, String serviceAccountJson, String baseUrl) {
    }

    /** The dispatcher's configuration. */
    public DispatcherConfig dispatcher() {
        DispatcherConfig config = DispatcherConfig.none().withLogSmsAndPush(logSmsAndPush);
        if (smtp != null) {
            config = config.withSmtp(new DispatcherConfig.Smtp(smtp.host(), smtp.port() == null ? 0 : smtp.port(), smtp.username(),
                    smtp.password(), smtp.from(), smtp.startTls() != null && smtp.startTls(), null, null));
        }
        if (twilio != null) {
            config = config.withTwilio(new DispatcherConfig.Twilio(twilio.accountSid(), twilio.authToken(), twilio.from(),
                    twilio.messagingServiceSid(), twilio.baseUrl(), null));
        }
        if (fcm != null) {
            config = config.withFcm(new DispatcherConfig.Fcm(fcm.projectId(), fcm.accessToken(), fcm.serviceAccountFile(),
                    fcm.serviceAccountJson(), fcm.baseUrl(), null));
        }
        return config;
    }
}
