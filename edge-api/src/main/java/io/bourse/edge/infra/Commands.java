package io.bourse.edge.infra;

import io.bourse.avro.accounts.AccountCommand;
import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.schemas.catalogue.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** Builds and sends account and order commands the way every controller and the simulator need them. */
@Component
public class Commands {

    private final CommandPublisher publisher;
    private final Outcomes outcomes;
    private final Clock clock;

    public Commands(final CommandPublisher publisher, final Outcomes outcomes, final Clock clock) {
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** Sends an account command for {@code userId} and waits up to {@code wait} for the account event answering it. */
    public Optional<AccountEvent> account(final String userId, final Object payload, final Duration wait) {
        final CompletableFuture<AccountEvent> verdict = outcomes.expectAccount(userId);
        publisher.send(Topics.ACCOUNTS_COMMANDS, userId, accountCommand(userId, payload, Instant.now(clock))).join();
        return outcomes.await(verdict, wait);
    }

    /** Sends an order-topic command (order, transfer, admin instrument action) for {@code userId}. */
    public CompletableFuture<?> order(final String userId, final Object payload) {
        return publisher.send(Topics.ORDERS_COMMANDS, userId, orderCommand(userId, null, payload, Instant.now(clock)));
    }

    /**
     * The id the edge gives a new order: derived from the client's order id, else from its
     * idempotency key, so a retry names the same order; random when the client gave neither.
     */
    public static String placedOrderId(final String userId, final String clientOrderId, final String idempotencyKey) {
        final String retryKey = clientOrderId != null ? "client:" + clientOrderId
                : idempotencyKey != null ? "key:" + idempotencyKey : null;
        return retryKey == null ? "o-" + UUID.randomUUID()
                : "o-" + UUID.nameUUIDFromBytes((userId + "|" + retryKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The envelope every account-topic command travels in, with a fresh command id. */
    public static AccountCommand accountCommand(final String userId, final Object payload, final Instant issuedAt) {
        return AccountCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setUserId(userId).setIssuedAtMs(issuedAt)
                .setPayload(payload).build();
    }

    /** The envelope every order-topic command travels in, with a fresh command id. */
    public static OrderCommand orderCommand(final String userId, final String idempotencyKey, final Object payload,
            final Instant issuedAt) {
        return OrderCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setUserId(userId).setIssuedAtMs(issuedAt)
                .setIdempotencyKey(idempotencyKey).setPayload(payload).build();
    }
}
