package io.bourse.edge.infra;

import io.bourse.avro.accounts.AccountCommand;
import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.client.CommandEnvelopes;
import io.bourse.schemas.catalogue.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

    /** See {@link CommandEnvelopes#placedOrderId}: the tools derive the same id. */
    public static String placedOrderId(final String userId, final String clientOrderId, final String idempotencyKey) {
        return CommandEnvelopes.placedOrderId(userId, clientOrderId, idempotencyKey);
    }

    /** The envelope every account-topic command travels in, with a fresh command id. */
    public static AccountCommand accountCommand(final String userId, final Object payload, final Instant issuedAt) {
        return CommandEnvelopes.accountCommand(userId, payload, issuedAt);
    }

    /** The envelope every order-topic command travels in, with a fresh command id. */
    public static OrderCommand orderCommand(final String userId, final String idempotencyKey, final Object payload,
            final Instant issuedAt) {
        return CommandEnvelopes.orderCommand(userId, idempotencyKey, payload, issuedAt);
    }
}
