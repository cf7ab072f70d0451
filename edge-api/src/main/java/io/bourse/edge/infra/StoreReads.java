package io.bourse.edge.infra;

import io.bourse.edge.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Serves reads from the topologies' state stores. A read for a key whose partition this node does
 * not own is forwarded, once, to the node that does; while a partition moves or restores, the answer
 * is a retryable 503, never a stale or empty one.
 */
@Component
public class StoreReads {

    /** Marks a forwarded request, so a node that also does not own the key answers 503 instead of bouncing it. */
    public static final String FORWARDED = "X-Bourse-Forwarded";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final StringSerializer KEYS = new StringSerializer();

    private final TopologyRunner runner;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public StoreReads(final TopologyRunner runner) {
        this.runner = runner;
    }

    /** The store {@code name} of {@code topology} on this node, if it runs there and is queryable. */
    public <V> ReadOnlyKeyValueStore<String, V> store(final String topology, final String name) {
        return queryable(topology).store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /**
     * The one partition of store {@code name} that holds {@code key} (the user id, for a store of the
     * portfolio), on this node. A read there asks that partition's store alone, where the whole store
     * asks each partition this node has in turn until one knows the key: six lookups for an order that
     * does not exist yet. Reading a partition this node does not have throws the retryable
     * {@link org.apache.kafka.streams.errors.InvalidStateStoreException}.
     */
    public <V> ReadOnlyKeyValueStore<String, V> storeFor(final String topology, final String name, final String key) {
        final KafkaStreams streams = queryable(topology);
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(metadata(streams, name, key).partition()));
    }

    /**
     * Runs {@code local} when this node owns {@code key} of {@code store}, otherwise forwards the
     * current request to the owner and relays its answer.
     */
    public <T> ResponseEntity<?> byKey(final String topology, final String store, final String key,
            final HttpServletRequest request, final Supplier<T> local) {
        return byKey(topology, store, key, request, null, local);
    }

    /** As {@link #byKey(String, String, String, HttpServletRequest, Supplier)}, re-sending {@code body} as JSON. */
    public <T> ResponseEntity<?> byKey(final String topology, final String store, final String key,
            final HttpServletRequest request, final Object body, final Supplier<T> local) {
        return byKey(topology, store, key, request, body, HttpStatus.OK, local);
    }

    /**
     * As {@link #byKey(String, String, String, HttpServletRequest, Object, Supplier)}, answering {@code status}
     * when this node owns the key (a command checked against the owner's store: 202); the owner's answer
     * otherwise.
     */
    public <T> ResponseEntity<?> byKey(final String topology, final String store, final String key,
            final HttpServletRequest request, final Object body, final HttpStatus status, final Supplier<T> local) {
        final Optional<HostInfo> owner = remoteOwner(topology, store, key);
        if (owner.isEmpty()) {
            return ResponseEntity.status(status).body(local.get());
        }
        if (request.getHeader(FORWARDED) != null) {
            throw ApiException.unavailable("Partition ownership is changing; retry shortly");
        }
        return forward(owner.get(), request, body);
    }

    /**
     * Answers a read that spans every partition of {@code store}: this node's part from {@code local},
     * and each other node's part by asking it once (marked as forwarded, so it answers only its own).
     * The parts are merged, one element per {@code keyField} value, ordered by it. When a node holding
     * a part cannot answer, the whole answer is a retryable 503, never a partial list.
     */
    public ResponseEntity<?> allPartitions(final String topology, final String store, final HttpServletRequest request,
            final String keyField, final Supplier<? extends List<?>> local) {
        final List<?> own = local.get();
        if (request.getHeader(FORWARDED) != null) {
            return ResponseEntity.ok(own);
        }
        final KafkaStreams streams = streams(topology);
        final Map<String, JsonNode> merged = new TreeMap<>();
        JSON.<ArrayNode>valueToTree(own).forEach(element -> merged.put(element.path(keyField).asString(), element));
        for (final StreamsMetadata host : streams.streamsMetadataForStore(store)) {
            final HostInfo info = host.hostInfo();
            if (isThisNode(info)) {
                continue;
            }
            final ResponseEntity<byte[]> part = forward(info, request, null);
            if (part.getStatusCode().value() != 200) {
                throw ApiException.unavailable("The node holding part of " + store + " (" + info + ") answered "
                        + part.getStatusCode().value() + "; retry shortly");
            }
            JSON.readTree(part.getBody()).forEach(element -> merged.putIfAbsent(element.path(keyField).asString(), element));
        }
        return ResponseEntity.ok(List.copyOf(merged.values()));
    }

    /** The other node that owns {@code key}, or empty when this node does. */
    public Optional<HostInfo> remoteOwner(final String topology, final String store, final String key) {
        final HostInfo active = metadata(streams(topology), store, key).activeHost();
        return isThisNode(active) ? Optional.empty() : Optional.of(active);
    }

    private static KeyQueryMetadata metadata(final KafkaStreams streams, final String store, final String key) {
        final KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, KEYS);
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw ApiException.unavailable("Nobody owns " + store + " for this key yet; retry shortly");
        }
        return metadata;
    }

    private KafkaStreams queryable(final String topology) {
        final KafkaStreams streams = streams(topology);
        if (streams.state() != KafkaStreams.State.RUNNING && streams.state() != KafkaStreams.State.REBALANCING) {
            throw ApiException.unavailable(topology + " is " + streams.state());
        }
        return streams;
    }

    private KafkaStreams streams(final String topology) {
        return runner.streams(topology)
                .orElseThrow(() -> ApiException.unavailable("This node does not run the " + topology + " topology"));
    }

    private boolean isThisNode(final HostInfo host) {
        return (host.host() + ":" + host.port()).equals(runner.advertised());
    }

    /**
     * A GET of {@code path} (this API's, e.g. {@code /api/v1/orders/o-1}) answered by the node that owns
     * {@code key} of {@code store}, as the current caller; empty when this node owns it.
     */
    public Optional<ResponseEntity<byte[]>> getFromOwner(final String topology, final String store, final String key,
            final String path, final HttpServletRequest request) {
        final Optional<HostInfo> owner = remoteOwner(topology, store, key);
        if (owner.isEmpty() || request.getHeader(FORWARDED) != null) {
            return Optional.empty();
        }
        return Optional.of(send(owner.get(), path, "GET", null, request));
    }

    private ResponseEntity<byte[]> forward(final HostInfo owner, final HttpServletRequest request, final Object body) {
        final String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        return send(owner, request.getRequestURI() + query, body == null ? "GET" : request.getMethod(), body, request);
    }

    private ResponseEntity<byte[]> send(final HostInfo owner, final String pathAndQuery, final String method, final Object body,
            final HttpServletRequest request) {
        final HttpRequest.Builder forwarded = HttpRequest.newBuilder(
                        URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(5))
                .header(FORWARDED, "1");
        if (body == null) {
            forwarded.GET();
        } else {
            forwarded.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        final Enumeration<String> auth = request.getHeaders("Authorization");
        if (auth.hasMoreElements()) {
            forwarded.header("Authorization", auth.nextElement());
        } else if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt) {
            // Signed in by other means than the header (the checkout page's form field): the owner gets the same token.
            forwarded.header("Authorization", "Bearer " + jwt.getToken().getTokenValue());
        }
        try {
            final HttpResponse<byte[]> response = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            return ResponseEntity.status(response.statusCode())
                    .header("Content-Type", response.headers().firstValue("Content-Type").orElse("application/json"))
                    .body(response.body());
        } catch (final IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "TEMPORARILY_UNAVAILABLE",
                    "The node owning this data (" + owner + ") is unreachable; retry shortly");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted");
        }
    }
}
