package io.bourse.edge.security;

import io.bourse.avro.accounts.TokenRevocation;
import io.bourse.avro.accounts.TokenRevocationReason;
import io.bourse.edge.api.ApiException;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.FollowingComponent;
import io.bourse.edge.infra.TopicFollower;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The refresh tokens no node may accept any more, shared through {@code auth.revocations}: a
 * revocation is written there before it is confirmed, and every node follows the topic from the
 * beginning, so a token revoked on one node is refused on all of them and after any restart. A node
 * answers refresh requests only once it has read the topic up to where it stood at start.
 *
 * <p>Of two requests redeeming the same refresh token, exactly one wins, on one node or on two. The
 * topic decides: all revocations of a user share one partition (the key is the user), so the first
 * revocation of a token in that partition is the winner on every node. A redeeming node writes its
 * revocation, reads the topic up to it, and succeeds only if its own record came first.
 */
@Component
public class RevocationLog extends FollowingComponent<String, TokenRevocation> {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationLog.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final Duration WRITE = Duration.ofSeconds(10);

    private final KafkaEndpoints endpoints;
    private final CommandPublisher publisher;
    private final Clock clock;
    /** Revoked token id → when it expires anyway, and where its first revocation stands in the topic. */
    private final Map<String, Revoked> revoked = new ConcurrentHashMap<>();
    /** Partition → the offset after the last record this node has applied; guarded by itself. */
    private final Map<Integer, Long> readUpTo = new HashMap<>();
    /** When expired revocations are next dropped; touched only by the follower's thread. */
    private long nextPurge;

    public RevocationLog(final KafkaEndpoints endpoints, final CommandPublisher publisher, final Clock clock) {
        this.endpoints = endpoints;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Spends a refresh token on every node.
     *
     * @return {@code true} for exactly one redemption of a token, on any node: the one whose
     *     revocation came first in the topic; {@code false} when it was revoked before, here or on
     *     another node, including by a revocation another node wrote a moment before this one
     * @throws ApiException 503 when the revocation could not be written (the token stays valid), or
     *     not read back to learn which came first (the token is spent all the same)
     */
    public boolean redeem(final String tokenId, final String userId, final Instant expiresAt) {
        final RecordMetadata written = write(tokenId, userId, expiresAt, TokenRevocationReason.ROTATED);
        if (written == null) {
            return false;
        }
        awaitRead(written);
        final Revoked first = revoked.get(tokenId);
        return first != null && first.partition() == written.partition() && first.offset() == written.offset();
    }

    /**
     * Logout: every node refuses the token from now on; nothing to do when it already was revoked.
     *
     * @throws ApiException 503 when the revocation could not be written; the token stays valid
     */
    public void revoke(final String tokenId, final String userId, final Instant expiresAt) {
        write(tokenId, userId, expiresAt, TokenRevocationReason.LOGOUT);
    }

    /** Writes the revocation; {@code null} when this node already knew the token was revoked. */
    private RecordMetadata write(final String tokenId, final String userId, final Instant expiresAt,
            final TokenRevocationReason reason) {
        awaitCaughtUp();
        final Revoked pending = new Revoked(expiresAt.toEpochMilli(), -1, -1);
        if (revoked.putIfAbsent(tokenId, pending) != null) {
            return null;
        }
        final TokenRevocation revocation = TokenRevocation.newBuilder().setTokenId(tokenId).setUserId(userId).setReason(reason)
                .setExpiresAtMs(expiresAt).setRevokedAtMs(clock.instant()).build();
        try {
            return publisher.send(Topics.AUTH_REVOCATIONS, userId, revocation).get(WRITE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            // Only our own placeholder: a revocation read from the topic meanwhile stays.
            revoked.remove(tokenId, pending);
            LOG.warn("Could not record the revocation of a refresh token of {}", userId, e);
            throw ApiException.unavailable("Could not record the sign-out; try again");
        } catch (final InterruptedException e) {
            revoked.remove(tokenId, pending);
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while recording the sign-out; try again");
        }
    }

    /** Waits until this node has applied the record at {@code written}, so it knows which revocation came first. */
    private void awaitRead(final RecordMetadata written) {
        final long deadline = System.nanoTime() + WRITE.toNanos();
        synchronized (readUpTo) {
            while (readUpTo.getOrDefault(written.partition(), 0L) <= written.offset()) {
                final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw ApiException.unavailable("Could not confirm the token rotation; sign in again");
                }
                try {
                    readUpTo.wait(left);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ApiException.unavailable("Interrupted while confirming the token rotation; sign in again");
                }
            }
        }
    }

    /** Whether the token was revoked; waits until this node has read the revocations written before it started. */
    public boolean isRevoked(final String tokenId) {
        awaitCaughtUp();
        return revoked.containsKey(tokenId);
    }

    private void awaitCaughtUp() {
        TopicFollower.requireCaughtUp(follower(), CATCH_UP, "the revoked sessions");
    }

    /**
     * Follows the topic from the beginning. A record that cannot be read (the registry is down, say)
     * is retried after a pause, never skipped: skipping a revocation would let a signed-out token back
     * in, and until this node has caught up it refuses refresh requests instead.
     */
    @Override
    protected TopicFollower<String, TokenRevocation> newFollower() {
        return new TopicFollower<>("bourse-edge-revocations", endpoints, List.of(Topics.AUTH_REVOCATIONS.name()),
                TopicFollower.From.BEGINNING, new StringDeserializer(),
                Topics.AUTH_REVOCATIONS.valueSerde(endpoints.serdeConfig()).deserializer(),
                this::apply, Duration.ofSeconds(1));
    }

    private void apply(final ConsumerRecords<String, TokenRevocation> records) {
        for (final ConsumerRecord<String, TokenRevocation> record : records) {
            if (record.value() != null) {
                // The first record of a token in its partition wins; a later one, or a local placeholder, yields to it.
                revoked.merge(record.value().getTokenId(),
                        new Revoked(record.value().getExpiresAtMs().toEpochMilli(), record.partition(), record.offset()),
                        (known, read) -> known.partition() < 0 ? read : known);
            }
        }
        synchronized (readUpTo) {
            for (final TopicPartition partition : records.partitions()) {
                final List<ConsumerRecord<String, TokenRevocation>> read = records.records(partition);
                readUpTo.put(partition.partition(), read.get(read.size() - 1).offset() + 1);
            }
            readUpTo.notifyAll();
        }
        final long now = clock.millis();
        if (now >= nextPurge) {
            revoked.values().removeIf(known -> known.expiresAtMs() < now);
            nextPurge = now + Duration.ofMinutes(1).toMillis();
        }
    }

    /** A revoked token: when it expires, and its first revocation's place in the topic (-1 until read). */
    private record Revoked(long expiresAtMs, int partition, long offset) {
    }
}
