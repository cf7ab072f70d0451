package io.bourse.edge.security;

import io.bourse.avro.accounts.TokenRevocation;
import io.bourse.avro.accounts.TokenRevocationReason;
import io.bourse.edge.api.ApiException;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.KafkaEndpoints;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
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
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, TokenRevocation> consumer;
    private volatile Thread thread;
    private volatile boolean running;

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
        try {
            if (!caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.unavailable("This node is still reading the revoked sessions; try again in a moment");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while reading the revoked sessions");
        }
    }

    @Override
    public synchronized void start() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "bourse-edge-revocations"), new StringDeserializer(),
                Topics.AUTH_REVOCATIONS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl())).deserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUTH_REVOCATIONS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        final Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
        running = true;
        thread = new Thread(() -> follow(endAtStart), "bourse-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(final Map<TopicPartition, Long> endAtStart) {
        long nextPurge = 0;
        try {
            while (running) {
                if (!pollOnce()) {
                    continue;
                }
                if (caughtUp.getCount() > 0 && endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.info("Read {} revoked refresh tokens", revoked.size());
                    caughtUp.countDown();
                }
                final long now = clock.millis();
                if (now >= nextPurge) {
                    revoked.values().removeIf(expiresAt -> expiresAt < now);
                    nextPurge = now + Duration.ofMinutes(1).toMillis();
                }
            }
        } catch (final WakeupException | InterruptedException stopping) {
            // stop() woke the consumer up
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Reads what has arrived. A record that cannot be read (the registry is down, say) is retried
     * after a pause, never skipped: skipping a revocation would let a signed-out token back in, and
     * until this node has caught up it refuses refresh requests instead.
     *
     * @return whether the poll succeeded
     */
    private boolean pollOnce() throws InterruptedException {
        try {
            for (final ConsumerRecord<String, TokenRevocation> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() != null) {
                    revoked.put(record.value().getTokenId(), record.value().getExpiresAtMs().toEpochMilli());
                }
            }
            return true;
        } catch (final WakeupException stopping) {
            throw stopping;
        } catch (final RuntimeException e) {
            LOG.warn("Cannot read {} yet; retrying in a second: {}", Topics.AUTH_REVOCATIONS.name(), e.getMessage());
            Thread.sleep(1_000);
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the topics exist (infrastructure starts first), with the edge's other consumers. */
    @Override
    public int getPhase() {
        return 10;
    }
}
