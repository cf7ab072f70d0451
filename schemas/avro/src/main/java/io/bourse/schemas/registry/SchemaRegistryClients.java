package io.bourse.schemas.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one shared client per registry URL, so every serde of a process shares one cache.
 *
 * <p>{@code mock://<scope>} gives an in-memory registry shared by everything configured with the
 * same scope, for {@code TopologyTestDriver} tests; {@link #dropMockScope} forgets it.
 */
public final class SchemaRegistryClients {

    public static final String MOCK_SCHEME = "mock://";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient forUrl(final String url, final String basicAuthUserInfo) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema.registry.url is not set");
        }
        final String key = url.trim() + (basicAuthUserInfo == null ? "" : "|" + basicAuthUserInfo);
        return CLIENTS.computeIfAbsent(key, k -> url.trim().startsWith(MOCK_SCHEME)
                ? new InMemorySchemaRegistryClient()
                : new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(url, REQUEST_TIMEOUT, basicAuthUserInfo)));
    }

    /** Forgets the in-memory registry of {@code mock://<scope>}. */
    public static void dropMockScope(final String url) {
        CLIENTS.keySet().removeIf(k -> k.equals(url) || k.startsWith(url + "|"));
    }
}
