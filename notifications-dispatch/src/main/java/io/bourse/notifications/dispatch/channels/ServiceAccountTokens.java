package io.bourse.notifications.dispatch.channels;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.bourse.notifications.dispatch.DispatcherConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OAuth 2 access tokens for FCM, minted from a Google service account by Google's auth library: a JWT
 * signed (RS256) with the account's private key, carrying the {@code firebase.messaging} scope, is
 * exchanged at the account's {@code token_uri} for an access token. The token is kept and reused until
 * shortly before it expires (the library's refresh margin, a few minutes), then a new one is minted.
 * Used by the push worker's thread only.
 */
final class ServiceAccountTokens implements FcmChannel.AccessTokens {

    /** The one scope FCM's HTTP v1 API asks for. */
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final GoogleCredentials credentials;
    private final String projectId;

    private ServiceAccountTokens(final ServiceAccountCredentials account) {
        this.credentials = account.createScoped(List.of(SCOPE));
        this.projectId = account.getProjectId();
    }

    /**
     * Reads the service account's JSON key from {@code serviceAccountFile}, else from {@code serviceAccountJson}.
     *
     * @throws IOException when the file cannot be read or is not a service account's key
     */
    static ServiceAccountTokens from(final DispatcherConfig.Fcm config) throws IOException {
        final boolean file = config.serviceAccountFile() != null && !config.serviceAccountFile().isBlank();
        try (InputStream in = file ? Files.newInputStream(Path.of(config.serviceAccountFile()))
                : new ByteArrayInputStream(config.serviceAccountJson().getBytes(StandardCharsets.UTF_8))) {
            return new ServiceAccountTokens(ServiceAccountCredentials.fromStream(in));
        } catch (final RuntimeException e) {
            // The library answers some malformed keys (a bad PEM, a missing field) with unchecked exceptions.
            throw new IOException("not a service account key: " + e.getMessage(), e);
        }
    }

    /** The account's {@code project_id}; null when its key names none. */
    String projectId() {
        return projectId;
    }

    @Override
    public String token() throws IOException {
        credentials.refreshIfExpired();
        final AccessToken token = credentials.getAccessToken();
        if (token == null || token.getTokenValue() == null) {
            throw new IOException("the token endpoint gave no access token");
        }
        return token.getTokenValue();
    }
}
