package io.bourse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.avro.matching.Trade;
import io.bourse.schemas.registry.HttpSchemaRegistryClient;
import io.bourse.schemas.registry.IncompatibleSchemaException;
import io.bourse.schemas.registry.SchemaNotFoundException;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Confluent REST API subset, spoken over real HTTP to a registry backed by a real broker. */
@Tag("broker")
class EmbeddedSchemaRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Schema V1 = SchemaBuilder.record("Probe").namespace("io.bourse.test").fields()
            .requiredLong("amountPaise").endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Probe").namespace("io.bourse.test").fields()
            .requiredLong("amountPaise").name("note").type().stringType().stringDefault("").endRecord();
    private static final Schema V2_WITHOUT_DEFAULT = SchemaBuilder.record("Probe").namespace("io.bourse.test").fields()
            .requiredLong("amountPaise").requiredString("note").endRecord();

    @TempDir
    static Path dataDir;
    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaBroker(dataDir, 0, 0).start();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", 0, (short) 1).start();
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    private static HttpSchemaRegistryClient client() {
        return new HttpSchemaRegistryClient(registry.url(), Duration.ofSeconds(5), null);
    }

    @Test
    void shouldRegisterIdempotentlyAndShareIdsAcrossSubjects() {
        final int id = client().register("probe-a-value", V1);
        assertThat(client().register("probe-a-value", V1)).isEqualTo(id);
        assertThat(client().register("probe-b-value", V1)).isEqualTo(id);
        assertThat(client().schemaById(id)).isEqualTo(V1);
        assertThat(client().latest("probe-a-value").version()).isEqualTo(1);
    }

    @Test
    void shouldAcceptBackwardCompatibleEvolutionAndRefuseIncompatibleOne() throws Exception {
        client().register("probe-c-value", V1);
        assertThat(client().isCompatible("probe-c-value", V2_WITHOUT_DEFAULT)).isFalse();
        assertThatThrownBy(() -> client().register("probe-c-value", V2_WITHOUT_DEFAULT))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("probe-c-value");
        final JsonNode refused = post("/subjects/probe-c-value/versions", V2_WITHOUT_DEFAULT.toString(), 409);
        assertThat(refused.path("error_code").asInt()).isEqualTo(409);

        assertThat(client().isCompatible("probe-c-value", V2_WITH_DEFAULT)).isTrue();
        final int v2 = client().register("probe-c-value", V2_WITH_DEFAULT);
        final var latest = client().latest("probe-c-value");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(v2);
        assertThat(get("/subjects/probe-c-value/versions", 200)).hasSize(2);
    }

    @Test
    void shouldAnswerErrorsInTheConfluentShape() throws Exception {
        assertThat(get("/schemas/ids/999999", 404).path("error_code").asInt()).isEqualTo(40403);
        assertThat(get("/subjects/nobody-value/versions/latest", 404).path("error_code").asInt()).isEqualTo(40401);
        client().register("probe-d-value", V1);
        assertThat(get("/subjects/probe-d-value/versions/7", 404).path("error_code").asInt()).isEqualTo(40402);
        assertThat(post("/subjects/probe-d-value/versions", "{\"type\": \"recordd\"}", 422).path("error_code").asInt())
                .isEqualTo(42201);
        assertThat(postRaw("/subjects/probe-d-value/versions", "{\"schema\": \"\"", 400).path("error_code").asInt())
                .isEqualTo(400);
        assertThatThrownBy(() -> client().schemaById(999_999)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void shouldLookUpASchemaUnderASubjectAndServeTheRawSchema() throws Exception {
        final int id = client().register("probe-e-value", Trade.getClassSchema());
        final JsonNode found = post("/subjects/probe-e-value", Trade.getClassSchema().toString(), 200);
        assertThat(found.path("id").asInt()).isEqualTo(id);
        assertThat(found.path("version").asInt()).isEqualTo(1);
        assertThat(post("/subjects/probe-e-value", V1.toString(), 404).path("error_code").asInt()).isEqualTo(40403);
        assertThat(new Schema.Parser().parse(getText("/schemas/ids/" + id + "/schema"))).isEqualTo(Trade.getClassSchema());
        assertThat(get("/schemas/types", 200).get(0).asText()).isEqualTo("AVRO");
    }

    @Test
    void shouldChangeCompatibilityPerSubject() throws Exception {
        assertThat(get("/config", 200).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        client().register("probe-f-value", V1);
        put("/config/probe-f-value", "{\"compatibility\":\"NONE\"}");
        assertThat(get("/config/probe-f-value", 200).path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(client().register("probe-f-value", V2_WITHOUT_DEFAULT)).isPositive();
        assertThat(get("/config", 200).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldKeepIdsVersionsAndConfigAcrossARestart() throws Exception {
        final int id = client().register("probe-g-value", V1);
        final int v2 = client().register("probe-g-value", V2_WITH_DEFAULT);
        put("/config/probe-g-value", "{\"compatibility\":\"FULL\"}");
        final int port = registry.port();

        registry.stop();
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("http://localhost:" + port, Duration.ofSeconds(2), null)
                .schemaById(id)).isInstanceOf(SchemaRegistryUnavailableException.class);
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", port, (short) 1).start();

        assertThat(client().schemaById(id)).isEqualTo(V1);
        assertThat(client().latest("probe-g-value").version()).isEqualTo(2);
        assertThat(get("/config/probe-g-value", 200).path("compatibilityLevel").asText()).isEqualTo("FULL");
        final int next = client().register("probe-h-value", SchemaBuilder.record("Other").fields().requiredInt("x").endRecord());
        assertThat(next).as("ids are never reused after a restart").isGreaterThan(Math.max(id, v2));
    }

    @Test
    void shouldAdmitOnlyTheConfiguredUserWhenBehindBasicAuth() throws Exception {
        final int id = client().register("probe-i-value", V1);
        // Reads only: two registries on one broker would not coordinate the ids of new registrations.
        try (EmbeddedSchemaRegistry guarded = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", 0, (short) 1,
                "analyst:registry-secret").start()) {
            final URI subjects = URI.create(guarded.url() + "/subjects");

            assertThat(HTTP.send(HttpRequest.newBuilder(subjects).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
            assertThat(HTTP.send(HttpRequest.newBuilder(subjects).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("analyst:guessed".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(new HttpSchemaRegistryClient(guarded.url(), Duration.ofSeconds(5), "analyst:registry-secret").schemaById(id))
                    .isEqualTo(V1);
        }
        assertThatThrownBy(() -> new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", 0, (short) 1, "no-colon"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode get(final String path, final int expectedStatus) throws Exception {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + " -> " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static String getText(final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode post(final String path, final String schema, final int expectedStatus) throws Exception {
        return postRaw(path, JSON.writeValueAsString(Map.of("schema", schema)), expectedStatus);
    }

    private static JsonNode postRaw(final String path, final String body, final int expectedStatus) throws Exception {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST " + path + " -> " + response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        return JSON.readTree(response.body());
    }

    private static void put(final String path, final String body) throws Exception {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT " + path + " -> " + response.body()).isEqualTo(200);
    }
}
