package io.bourse.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Talks to any registry serving the Confluent Schema Registry REST API (Confluent, Apicurio's
 * ccompat API, Karapace, Redpanda, or our in-process one). No caching: wrap it in
 * {@link CachingSchemaRegistryClient}.
 *
 * <p>Several base URLs may be given; each request tries them in order until one answers.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUris;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final String authorization;

    /**
     * @param baseUrls comma-separated registry URLs
     * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or {@code null}
     */
    public HttpSchemaRegistryClient(final String baseUrls, final Duration requestTimeout, final String basicAuthUserInfo) {
        this.baseUris = java.util.Arrays.stream(baseUrls.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s : s + "/"))
                .toList();
        if (baseUris.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL given");
        }
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        this.authorization = basicAuthUserInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return send("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema)).path("id").asInt();
    }

    @Override
    public Schema schemaById(final int id) {
        return parse(send("GET", "schemas/ids/" + id, null).path("schema").asText());
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final JsonNode body = send("GET", "subjects/" + encode(subject) + "/versions/latest", null);
        return new RegisteredSchema(body.path("subject").asText(subject), body.path("version").asInt(),
                body.path("id").asInt(), parse(body.path("schema").asText()));
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        try {
            return send("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
                    .path("is_compatible").asBoolean();
        } catch (final SchemaNotFoundException noSubjectYet) {
            return true;
        }
    }

    private JsonNode send(final String method, final String path, final String body) {
        SchemaRegistryUnavailableException lastFailure = null;
        for (final URI base : baseUris) {
            final HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(requestTimeout)
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            final HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (final IOException e) {
                lastFailure = new SchemaRegistryUnavailableException("Schema registry " + base + " unreachable: " + e, e);
                continue;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException("Interrupted while calling schema registry " + base, e);
            }
            if (response.statusCode() >= 500) {
                lastFailure = new SchemaRegistryUnavailableException("Schema registry " + base + " answered "
                        + response.statusCode() + ": " + response.body(), null);
                continue;
            }
            final JsonNode json = readJson(response.body());
            if (response.statusCode() >= 400) {
                throw toException(response.statusCode(), json);
            }
            return json;
        }
        throw lastFailure;
    }

    private static SchemaRegistryException toException(final int status, final JsonNode error) {
        final int code = error.path("error_code").asInt(status);
        final String message = error.path("message").asText("HTTP " + status);
        if (status == 404) {
            return new SchemaNotFoundException(code, message);
        }
        if (status == IncompatibleSchemaException.ERROR_CODE) {
            return new IncompatibleSchemaException(message);
        }
        if (code == InvalidSchemaException.ERROR_CODE) {
            return new InvalidSchemaException(message, null);
        }
        return new SchemaRegistryException(code, message);
    }

    private static JsonNode readJson(final String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (final IOException e) {
            throw new SchemaRegistryException(50002, "Schema registry answered with invalid JSON: " + body, e);
        }
    }

    private static String schemaBody(final Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema parse(final String text) {
        return AvroSchemas.parse(text);
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
