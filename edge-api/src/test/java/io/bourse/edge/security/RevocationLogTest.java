package io.bourse.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.edge.infra.CommandPublisher;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.testing.broker.SharedBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' revocation logs on one real broker: a refresh token redeemed on both at the same moment
 * is granted to exactly one of them, and a token revoked on one is refused by the other.
 */
@SharedBroker
class RevocationLogTest {

    private static final int ROUNDS = 40;

    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static RevocationLog nodeA;
    private static RevocationLog nodeB;

    @BeforeAll
    static void start(final KafkaEndpoints endpoints) {
        nodeA = node(endpoints);
        nodeB = node(endpoints);
    }

    @AfterAll
    static void stop() throws Exception {
        nodeA.stop();
        nodeB.stop();
        for (final AutoCloseable closeable : OPEN) {
            closeable.close();
        }
    }

    @Test
    void shouldGrantATokenRedeemedOnTwoNodesAtOnceToExactlyOne() throws Exception {
        final ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                final String token = UUID.randomUUID().toString();
                final CountDownLatch go = new CountDownLatch(1);
                final CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> redeem(nodeA, token, go), both);
                final CompletableFuture<Boolean> onB = CompletableFuture.supplyAsync(() -> redeem(nodeB, token, go), both);
                go.countDown();

                assertThat(List.of(onA.get(30, TimeUnit.SECONDS), onB.get(30, TimeUnit.SECONDS)))
                        .as("round %d: which node got the token", round)
                        .containsExactlyInAnyOrder(true, false);
                assertThat(nodeA.isRevoked(token)).isTrue();
                assertThat(nodeB.isRevoked(token)).isTrue();
            }
        } finally {
            both.shutdownNow();
        }
    }

    @Test
    void shouldRefuseOnOneNodeATokenTheOtherAlreadyRedeemed() {
        final String token = UUID.randomUUID().toString();

        assertThat(nodeA.redeem(token, "trader-1", Instant.now().plus(Duration.ofDays(1)))).isTrue();
        // Node A's answer came after it read its own revocation back, and node B reads the same partition:
        // B may not have read it yet, but its own attempt lands later in that partition and so loses.
        assertThat(nodeB.redeem(token, "trader-1", Instant.now().plus(Duration.ofDays(1)))).isFalse();
        assertThat(nodeA.redeem(token, "trader-1", Instant.now().plus(Duration.ofDays(1)))).isFalse();
    }

    private static boolean redeem(final RevocationLog node, final String token, final CountDownLatch go) {
        try {
            go.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return node.redeem(token, "trader-1", Instant.now().plus(Duration.ofDays(1)));
    }

    private static RevocationLog node(final KafkaEndpoints endpoints) {
        final CommandPublisher publisher = new CommandPublisher(endpoints);
        OPEN.add(publisher);
        final RevocationLog log = new RevocationLog(endpoints, publisher, Clock.systemUTC());
        log.start();
        return log;
    }
}
