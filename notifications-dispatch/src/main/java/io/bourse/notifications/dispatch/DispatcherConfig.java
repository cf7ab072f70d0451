package io.bourse.notifications.dispatch;

import io.bourse.notifications.dispatch.core.RetryPolicy;
import io.bourse.schemas.cluster.BourseEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the dispatcher is configured with. A channel whose provider is not configured (null, or missing
 * a required value) is disabled: its notifications are recorded as SKIPPED, and the dispatcher says so
 * once in the log at start; it never fails for it.
 *
 * @param logSmsAndPush send SMS and push to the log when Twilio or FCM is not configured (the embedded default)
 * @param maxPollRecords notifications taken from Kafka at a time (50 unless set)
 * @param maxUncommitted how far a partition may run ahead of its oldest notification not yet settled (500 unless
 *     set): the other channels keep delivering past a slow one until its partition is this many notifications
 *     beyond the commit point, then the partition pauses until the slow one catches up
 * @param replayHorizon how many of the newest status records of each partition are read back at assignment
 *     to skip what a crashed dispatcher had already settled; must cover twice {@code maxUncommitted} plus
 *     {@code maxPollRecords} (the default), since the statuses of a partition's uncommitted stretch and of
 *     what was settled before it interleave
 */
public record DispatcherConfig(Smtp smtp, Twilio twilio, Fcm fcm, boolean logSmsAndPush, RetryPolicy retry, int maxPollRecords,
        int maxUncommitted, int replayHorizon) {

    public DispatcherConfig {
        retry = retry == null ? RetryPolicy.DEFAULTS : retry;
        maxPollRecords = maxPollRecords <= 0 ? 50 : maxPollRecords;
        maxUncommitted = maxUncommitted <= 0 ? 500 : maxUncommitted;
        final int covering = 2 * (maxUncommitted + maxPollRecords);
        replayHorizon = replayHorizon <= 0 ? covering : replayHorizon;
        if (replayHorizon < covering) {
            throw new IllegalArgumentException("replayHorizon (" + replayHorizon + ") must cover 2 x (maxUncommitted + maxPollRecords) ("
                    + covering + ")");
        }
    }

    /** Every channel off but in-app. */
    public static DispatcherConfig none() {
        return new DispatcherConfig(null, null, null, false, null, 0, 0, 0);
    }

    public DispatcherConfig withSmtp(final Smtp value) {
        return new DispatcherConfig(value, twilio, fcm, logSmsAndPush, retry, maxPollRecords, maxUncommitted, replayHorizon);
    }

    public DispatcherConfig withTwilio(final Twilio value) {
        return new DispatcherConfig(smtp, value, fcm, logSmsAndPush, retry, maxPollRecords, maxUncommitted, replayHorizon);
    }

    public DispatcherConfig withFcm(final Fcm value) {
        return new DispatcherConfig(smtp, twilio, value, logSmsAndPush, retry, maxPollRecords, maxUncommitted, replayHorizon);
    }

    public DispatcherConfig withRetry(final RetryPolicy value) {
        return new DispatcherConfig(smtp, twilio, fcm, logSmsAndPush, value, maxPollRecords, maxUncommitted, replayHorizon);
    }

    public DispatcherConfig withLogSmsAndPush(final boolean value) {
        return new DispatcherConfig(smtp, twilio, fcm, value, retry, maxPollRecords, maxUncommitted, replayHorizon);
    }

    /**
     * An SMTP server.
     *
     * @param username empty for a server without authentication
     * @param messageIdDomain the right-hand side of each e-mail's Message-ID
     */
    public record Smtp(String host, int port, String username, String password, String from, boolean startTls, Duration timeout,
            String messageIdDomain) {
        public Smtp {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            messageIdDomain = blank(messageIdDomain) ? "bourse.local" : messageIdDomain;
            port = port <= 0 ? 587 : port;
        }

        public boolean configured() {
            return !blank(host) && !blank(from);
        }

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", user " + (blank(username) ? "none" : username) + ", from " + from + "]";
        }
    }

    /**
     * A Twilio account.
     *
     * @param from the sending number (E.164), unless {@code messagingServiceSid} is set
     * @param baseUrl {@code https://api.twilio.com} unless set (tests point it at a local fake)
     */
    public record Twilio(String accountSid, String authToken, String from, String messagingServiceSid, String baseUrl,
            Duration timeout) {
        public Twilio {
            baseUrl = blank(baseUrl) ? "https://api.twilio.com" : baseUrl;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        public boolean configured() {
            return !blank(accountSid) && !blank(authToken) && (!blank(from) || !blank(messagingServiceSid));
        }

        @Override
        public String toString() {
            return "Twilio[" + accountSid + ", " + baseUrl + "]";
        }
    }

    /**
     * A Firebase project, and how to get OAuth 2 access tokens for it: from a Google service account
     * (minted with the JWT bearer flow and refreshed before they expire), or, failing that, one fixed
     * token (which expires after an hour: for a quick trial only).
     *
     * @param projectId the Firebase project; when blank, the service account's {@code project_id}
     * @param accessToken a fixed OAuth 2 access token with the {@code firebase.messaging} scope, used only
     *     without a service account
     * @param serviceAccountFile path of the service account's JSON key file
     * @param serviceAccountJson the service account's JSON key itself (for a secret handed over in the
     *     environment); the file wins when both are set
     * @param baseUrl {@code https://fcm.googleapis.com} unless set (tests point it at a local fake)
     */
    public record Fcm(String projectId, String accessToken, String serviceAccountFile, String serviceAccountJson, String baseUrl,
            Duration timeout) {
        public Fcm {
            baseUrl = blank(baseUrl) ? "https://fcm.googleapis.com" : baseUrl;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        /** With a fixed access token, no service account. */
        public static Fcm withAccessToken(final String projectId, final String accessToken, final String baseUrl, final Duration timeout) {
            return new Fcm(projectId, accessToken, null, null, baseUrl, timeout);
        }

        public boolean hasServiceAccount() {
            return !blank(serviceAccountFile) || !blank(serviceAccountJson);
        }

        /** Whether push can be tried: a service account, or a project id with a fixed token. */
        public boolean configured() {
            return hasServiceAccount() || !blank(projectId) && !blank(accessToken);
        }

        @Override
        public String toString() {
            return "Fcm[" + (blank(projectId) ? "project of the service account" : projectId) + ", "
                    + (hasServiceAccount() ? "service account" : "fixed access token") + ", " + baseUrl + "]";
        }
    }

    /**
     * From {@code BOURSE_SMTP_*}, {@code BOURSE_TWILIO_*}, {@code BOURSE_FCM_*} and {@code BOURSE_NOTIFY_LOG_SMS_PUSH},
     * read as every program without Spring reads them ({@link BourseEnvironment}), with the node's defaults:
     * STARTTLS on unless {@code BOURSE_SMTP_STARTTLS=false}.
     */
    public static DispatcherConfig fromEnvironment(final Map<String, String> variables) {
        final BourseEnvironment env = new BourseEnvironment(Objects.requireNonNull(variables, "variables"));
        final Smtp smtp = new Smtp(env.get("BOURSE_SMTP_HOST"), env.integer("BOURSE_SMTP_PORT", 0), env.get("BOURSE_SMTP_USERNAME"),
                env.get("BOURSE_SMTP_PASSWORD"), env.get("BOURSE_SMTP_FROM"), env.flag("BOURSE_SMTP_STARTTLS", true),
                null, env.get("BOURSE_SMTP_MESSAGE_ID_DOMAIN"));
        final Twilio twilio = new Twilio(env.get("BOURSE_TWILIO_ACCOUNT_SID"), env.get("BOURSE_TWILIO_AUTH_TOKEN"),
                env.get("BOURSE_TWILIO_FROM"), env.get("BOURSE_TWILIO_MESSAGING_SERVICE_SID"), env.get("BOURSE_TWILIO_BASE_URL"), null);
        final Fcm fcm = new Fcm(env.get("BOURSE_FCM_PROJECT_ID"), env.get("BOURSE_FCM_ACCESS_TOKEN"),
                env.get("BOURSE_FCM_SERVICE_ACCOUNT_FILE"), env.get("BOURSE_FCM_SERVICE_ACCOUNT_JSON"), env.get("BOURSE_FCM_BASE_URL"), null);
        return new DispatcherConfig(smtp, twilio, fcm, env.flag("BOURSE_NOTIFY_LOG_SMS_PUSH", false), null, 0, 0, 0);
    }

    static boolean blank(final String s) {
        return s == null || s.isBlank();
    }
}
