package io.bourse.launcher;

import io.bourse.edge.Http;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives every operation of the node's OpenAPI document with malformed and boundary values — path
 * and query parameters, bodies of the wrong shape, fields of the wrong type, huge, negative,
 * fractional, empty, control characters — and collects every answer that breaks the API's promise:
 * a 5xx, or a refusal that is not an RFC 9457 problem with a stable {@code code}. Seeded: the same
 * seed sends the same requests.
 */
final class ApiFuzz {

    /** Values that are wrong for most fields in some way. */
    private static final List<Object> ODD = List.of("", " ", "x".repeat(5_000), "../../admin", "%00", "\u0000\u0007", "😀",
            "1.5", "-1", "9999999999999999999999", "NaN", 0, -1, 1.5, -0.01, Long.MAX_VALUE, Double.MAX_VALUE, true,
            "2026-13-45", "<script>", "{}", List.of(), Map.of());

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final SplittableRandom random;
    private final List<String> broken = new ArrayList<>();
    private int sent;

    ApiFuzz(final int port, final long seed) {
        this.base = "http://localhost:" + port;
        this.random = new SplittableRandom(seed);
    }

    /** Sends {@code perOperation} requests to each operation in {@code api}; returns what broke the promise. */
    List<String> run(final JsonNode api, final int perOperation, final List<String> tokens) {
        final Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").properties().iterator();
        while (paths.hasNext()) {
            final Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().contains("/webhook/") || path.getKey().startsWith("/actuator")) {
                continue;
            }
            final Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().properties().iterator();
            while (operations.hasNext()) {
                final Map.Entry<String, JsonNode> operation = operations.next();
                for (int i = 0; i < perOperation; i++) {
                    send(operation.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), operation.getValue(),
                            tokens.get(random.nextInt(tokens.size())));
                }
            }
        }
        return broken;
    }

    int sent() {
        return sent;
    }

    private void send(final String method, final String template, final JsonNode operation, final String token) {
        String path = template;
        final StringBuilder query = new StringBuilder();
        for (final JsonNode parameter : operation.path("parameters")) {
            final boolean inPath = "path".equals(parameter.path("in").asString());
            final String value = URLEncoder.encode(String.valueOf(odd()), StandardCharsets.UTF_8);
            final String name = parameter.path("name").asString();
            if (inPath) {
                path = path.replace("{" + name + "}", value.isEmpty() ? "x" : value);
            } else if ("query".equals(parameter.path("in").asString()) && random.nextBoolean()) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(value);
            }
        }
        final String body = operation.has("requestBody") ? body() : null;
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + query))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        sent++;
        try {
            final HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            judge(method + " " + path + query + (body == null ? "" : " " + abbreviate(body)), response);
        } catch (final java.io.IOException e) {
            broken.add(method + " " + path + ": no answer (" + e + ")");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void judge(final String request, final HttpResponse<String> response) {
        final int status = response.statusCode();
        if (status >= 500 && status != 503) {
            broken.add(status + " for " + request + ": " + abbreviate(response.body()));
            return;
        }
        if (status >= 400) {
            final String type = response.headers().firstValue("Content-Type").orElse("");
            final JsonNode problem = type.startsWith("application/problem+json") ? Http.JSON.readTree(response.body()) : null;
            if (problem == null || problem.path("code").asString("").isEmpty()) {
                broken.add(status + " without a problem code for " + request + ": " + type + " " + abbreviate(response.body()));
            } else if (problem.path("detail").asString("").matches(".*\\b(java|javax|org\\.springframework|tools\\.jackson)\\.[a-z].*")) {
                broken.add(status + " naming a Java class for " + request + ": " + problem.path("detail").asString());
            }
        }
    }

    /** A JSON body: a wrong shape, or an object whose fields carry odd values. */
    private String body() {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "[1,2,3]";
            case 2 -> "\"text\"";
            case 3 -> "{\"unterminated\": ";
            default -> {
                final ObjectNode object = Http.JSON.createObjectNode();
                for (final String field : List.of("symbol", "side", "type", "price", "quantity", "timeInForce", "amount", "email",
                        "password", "displayName", "refreshToken", "legalName", "dateOfBirth", "pan", "address", "clientOrderId",
                        "postOnly", "reference", "basePrice", "tickSize", "lotSize", "reason")) {
                    if (random.nextInt(3) == 0) {
                        object.set(field, Http.JSON.valueToTree(odd()));
                    }
                }
                yield object.toString();
            }
        };
    }

    private Object odd() {
        return ODD.get(random.nextInt(ODD.size()));
    }

    private static String abbreviate(final String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
