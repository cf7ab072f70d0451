package io.bourse.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.bourse.schemas.registry.AvroSchemas;
import io.bourse.schemas.registry.CompatibilityLevel;
import io.bourse.schemas.registry.IncompatibleSchemaException;
import io.bourse.schemas.registry.InvalidSchemaException;
import io.bourse.schemas.registry.RegisteredSchema;
import io.bourse.schemas.registry.SchemaNotFoundException;
import io.bourse.schemas.registry.SchemaRegistryException;
import io.bourse.schemas.registry.SchemaRegistryState;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Confluent Schema Registry REST API subset that serializers, converters and tools use:
 * register and look up schemas, fetch by id, versions of a subject, compatibility checks and the
 * compatibility configuration. Errors come in Confluent's shape:
 * {@code {"error_code": 40401, "message": "..."}}.
 */
final class SchemaRegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final SchemaRegistryState state;
    private final SchemaRegistryState.Journal journal;

    SchemaRegistryHttpHandler(final SchemaRegistryState state, final SchemaRegistryState.Journal journal) {
        this.state = state;
        this.journal = journal;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            Object body;
            try {
                body = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), exchange);
            } catch (final HttpError e) {
                status = e.status;
                body = error(e.code, e.getMessage());
            } catch (final SchemaNotFoundException e) {
                status = 404;
                body = error(e.errorCode(), e.getMessage());
            } catch (final IncompatibleSchemaException e) {
                status = 409;
                body = error(e.errorCode(), e.getMessage());
            } catch (final InvalidSchemaException e) {
                status = 422;
                body = error(e.errorCode(), e.getMessage());
            } catch (final SchemaRegistryUnavailableException e) {
                LOG.error("Schema store failure", e);
                status = 500;
                body = error(e.errorCode(), e.getMessage());
            } catch (final SchemaRegistryException e) {
                status = 500;
                body = error(e.errorCode(), e.getMessage());
            } catch (final RuntimeException e) {
                LOG.error("Schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                body = error(50001, "Error in the backend data store: " + e);
            }
            final byte[] bytes = body instanceof String raw ? raw.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", body instanceof String ? "application/json" : CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Object route(final String method, final List<String> path, final HttpExchange exchange) throws IOException {
        final String first = path.isEmpty() ? "" : path.get(0);
        switch (first) {
            case "" -> {
                return JSON.createObjectNode();
            }
            case "subjects" -> {
                return subjects(method, path, exchange);
            }
            case "schemas" -> {
                if (path.size() == 2 && path.get(1).equals("types") && method.equals("GET")) {
                    return List.of("AVRO");
                }
                if (path.size() >= 3 && path.get(1).equals("ids") && method.equals("GET")) {
                    final Schema schema = state.schemaById(parseInt(path.get(2), 42202, "schema id"));
                    if (path.size() == 4 && path.get(3).equals("schema")) {
                        return schema.toString();
                    }
                    return JSON.createObjectNode().put("schema", schema.toString());
                }
                throw notFound();
            }
            case "compatibility" -> {
                if (method.equals("POST") && path.size() == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    final String subject = path.get(2);
                    final Schema candidate = schemaFrom(exchange);
                    if (!path.get(4).equals("latest")) {
                        state.version(subject, parseInt(path.get(4), 42202, "version"));
                    } else {
                        state.latest(subject);
                    }
                    final String problem = state.incompatibility(subject, candidate);
                    final ObjectNode answer = JSON.createObjectNode().put("is_compatible", problem == null);
                    if (problem != null) {
                        answer.putArray("messages").add(problem);
                    }
                    return answer;
                }
                throw notFound();
            }
            case "config" -> {
                final String subject = path.size() > 1 ? path.get(1) : null;
                if (method.equals("GET")) {
                    return JSON.createObjectNode().put("compatibilityLevel", state.level(subject).name());
                }
                if (method.equals("PUT")) {
                    final JsonNode request = readBody(exchange);
                    final String requested = request.path("compatibility").asText(request.path("compatibilityLevel").asText());
                    final CompatibilityLevel level = Arrays.stream(CompatibilityLevel.values())
                            .filter(l -> l.name().equalsIgnoreCase(requested))
                            .findFirst()
                            .orElseThrow(() -> new HttpError(422, 42203, "Invalid compatibility level: " + requested));
                    state.setCompatibility(subject, level, journal);
                    return JSON.createObjectNode().put("compatibility", level.name());
                }
                throw new HttpError(405, 405, "Method not allowed");
            }
            default -> throw notFound();
        }
    }

    private Object subjects(final String method, final List<String> path, final HttpExchange exchange) throws IOException {
        if (path.size() == 1 && method.equals("GET")) {
            return state.subjectNames();
        }
        final String subject = path.get(1);
        if (path.size() == 2 && method.equals("POST")) {
            final Schema schema = schemaFrom(exchange);
            final Optional<RegisteredSchema> found = state.lookup(subject, schema);
            if (found.isEmpty()) {
                state.latest(subject);
                throw new SchemaNotFoundException(SchemaNotFoundException.SCHEMA_NOT_FOUND, "Schema not found");
            }
            return describe(found.get());
        }
        if (path.size() == 3 && path.get(2).equals("versions")) {
            if (method.equals("GET")) {
                return state.versionNumbers(subject);
            }
            if (method.equals("POST")) {
                return JSON.createObjectNode().put("id", state.register(subject, schemaFrom(exchange), journal).id());
            }
        }
        if (path.size() >= 4 && path.get(2).equals("versions") && method.equals("GET")) {
            final String version = path.get(3);
            final RegisteredSchema registered = version.equals("latest") || version.equals("-1")
                    ? state.latest(subject)
                    : state.version(subject, parseInt(version, 42202, "version"));
            if (path.size() == 5 && path.get(4).equals("schema")) {
                return registered.schema().toString();
            }
            return describe(registered);
        }
        throw notFound();
    }

    private static ObjectNode describe(final RegisteredSchema registered) {
        return JSON.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schema", registered.schema().toString());
    }

    private static Schema schemaFrom(final HttpExchange exchange) throws IOException {
        final JsonNode request = readBody(exchange);
        final String type = request.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new HttpError(422, 42201, "Only AVRO schemas are supported, got " + type);
        }
        if (request.path("references").size() > 0) {
            throw new HttpError(422, 42201, "Schema references are not supported");
        }
        if (!request.path("schema").isTextual()) {
            throw new HttpError(422, 42201, "Request body needs a 'schema' string");
        }
        return AvroSchemas.parse(request.get("schema").asText());
    }

    private static JsonNode readBody(final HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            final byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new HttpError(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            try {
                return JSON.readTree(bytes.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : bytes);
            } catch (final IOException e) {
                throw new HttpError(400, 400, "Malformed JSON request body: " + e.getMessage());
            }
        }
    }

    private static List<String> segments(final String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
    }

    private static int parseInt(final String text, final int errorCode, final String what) {
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw new HttpError(422, errorCode, "Invalid " + what + ": " + text);
        }
    }

    private static ObjectNode error(final int code, final String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static HttpError notFound() {
        return new HttpError(404, 404, "HTTP 404 Not Found");
    }

    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final int code;

        HttpError(final int status, final int code, final String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
