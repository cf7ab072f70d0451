package io.bourse.edge.security;

import io.bourse.avro.accounts.TokenRevocation;
import io.bourse.avro.accounts.TokenRevocationReason;
import io.bourse.edge.api.ApiException;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.KafkaEndpoints;
import io.bourse.edge.infra.TopicFollower;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The refresh tokens no node may accept any more, shared through {@code auth.revocations}: a
 * revocation is written there before it is confirmed, and every node follows the topic from the
 * beginning, so a token revoked on one node is refused on all of them and after any restart. A node
 * answers refresh requests only once it has read the topic up to where it stood at start.
 *
 * <p>Within a node, revoking is atomic: of two requests redeeming the same refresh token, one
 * wins. Across nodes the topic takes a few milliseconds to arrive, so two nodes redeeming the same
 * token within that window could both succeed.
 */
@Component
public class RevocationLog implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationLog.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final Duration WRITE = Duration.ofSeconds(10);

    private final KafkaEndpoints endpoints;
    private final CommandPublisher publisher;
    private final Clock clock;
    /** Revoked token id → when the token expires anyway (epoch ms). */
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private volatile TopicFollower<String, TokenRevocation> follower;
    /** When expired revocations are next dropped; touched only by the follower's thread. */
    private long nextPurge;

    public RevocationLog(final KafkaEndpoints endpoints, final CommandPublisher publisher, final Clock clock) {
        this.endpoints = endpoints;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Revokes the token on every node.
     *
     * @return {@code false} when it already was revoked (on this node, or on another whose
     *     revocation has arrived)
     * @throws ApiException 503 when the revocation could not be written; the token stays valid
     */
    public boolean revoke(final String tokenId, final String userId, final Instant expiresAt, final TokenRevocationReason reason) {
        awaitCaughtUp();
        if (revoked.putIfAbsent(tokenId, expiresAt.toEpochMilli()) != null) {
            return false;
        }
        final TokenRevocation revocation = TokenRevocation.newBuilder().setTokenId(tokenId).setUserId(userId).setReason(reason)
                .setExpiresAtMs(expiresAt).setRevokedAtMs(clock.instant()).build();
        try {
            publisher.send(Topics.AUTH_REVOCATIONS, userId, revocation).get(WRITE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (final ExecutionException | TimeoutException e) {
            revoked.remove(tokenId);
            LOG.warn("Could not record the revocation of a refresh token of {}", userId, e);
            throw ApiException.unavailable("Could not record the sign-out; try again");
        } catch (final InterruptedException e) {
            revoked.remove(tokenId);
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while recording the sign-out; try again");
        }
    }

    /** Whether the token was revoked; waits until this node has read the revocations written before it started. */
    public boolean isRevoked(final String tokenId) {
        awaitCaughtUp();
        return revoked.containsKey(tokenId);
    }

    private void awaitCaughtUp() {
        TopicFollower.requireCaughtUp(follower, CATCH_UP, "the revoked sessions");
    }

    /**
     * Follows the topic from the beginning. A record that cannot be read (the registry is down, say)
     * is retried after a pause, never skipped: skipping a revocation would let a signed-out token back
     * in, and until this node has caught up it refuses refresh requests instead.
     */
    @Override
    public synchronized void start() {
        follower = new TopicFollower<>("bourse-edge-revocations", endpoints.bootstrapServers(), List.of(Topics.AUTH_REVOCATIONS.name()),
                TopicFollower.From.BEGINNING, new StringDeserializer(),
                Topics.AUTH_REVOCATIONS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl())).deserializer(),
                this::apply, Duration.ofSeconds(1));
        follower.start();
    }

    private void apply(final ConsumerRecords<String, TokenRevocation> records) {
        for (final ConsumerRecord<String, TokenRevocation> record : records) {
            if (record.value() != null) {
                revoked.put(record.value().getTokenId(), record.value().getExpiresAtMs().toEpochMilli());
            }
        }
        final long now = clock.millis();
        if (now >= nextPurge) {
            revoked.values().removeIf(expiresAt -> expiresAt < now);
            nextPurge = now + Duration.ofMinutes(1).toMillis();
        }
    }

    @Override
    public synchronized void stop() {
        if (follower != null) {
            follower.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return follower != null && follower.isRunning();
    }

    /** After the topics exist (infrastructure starts first), with the edge's other consumers. */
    @Override
    public int getPhase() {
        return 10;
    }
}
