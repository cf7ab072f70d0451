package io.bourse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON-over-HTTP client for end-to-end tests. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers) {
        public String code() {
            return body.path("code").asString("");
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(final int port) {
        this.base = "http://localhost:" + port;
    }

    /**
     * Registers {@code email} with the password {@code correct-horse-9} and signs in as soon as the account
     * exists (the portfolio topology writes it): the login's body, with its access and refresh token.
     */
    public JsonNode signUp(final String email, final String displayName) {
        assertThat(post("/api/v1/auth/register", Map.of("email", email, "password", "correct-horse-9", "displayName", displayName),
                null).status()).isIn(201, 202);
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            final Response login = post("/api/v1/auth/login", Map.of("email", email, "password", "correct-horse-9"), null);
            return login.status() == 200 ? login.body() : null;
        }, Objects::nonNull);
    }

    public Response get(final String path, final String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    public Response post(final String path, final Object body, final String token) {
        return postRaw(path, body instanceof String s ? s : JSON.writeValueAsString(body), token, Map.of());
    }

    public Response postRaw(final String path, final String body, final String token, final Map<String, String> headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, token);
    }

    public Response patch(final String path, final Object body, final String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), token);
    }

    public Response delete(final String path, final String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    /** The response headers of a GET of {@code path}, whatever its body (an HTML page, say). */
    public Map<String, java.util.List<String>> headersOf(final String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.discarding()).headers().map();
        } catch (final java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response send(final HttpRequest.Builder request, final String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            final HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            final String body = response.body();
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                return new Response(response.statusCode(), JSON.getNodeFactory().stringNode(body), response.headers().map());
            }
            return new Response(response.statusCode(), body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body),
                    response.headers().map());
        } catch (final java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
