package io.bourse.client;

import io.bourse.avro.accounts.AccountCommand;
import io.bourse.avro.orders.OrderCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** The envelopes commands travel in, and the id an order gets: the same for the node and for the tools. */
public final class CommandEnvelopes {

    private CommandEnvelopes() {
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
