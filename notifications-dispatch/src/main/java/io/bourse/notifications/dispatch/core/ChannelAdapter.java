package io.bourse.notifications.dispatch.core;

/** Delivers messages of one channel through one provider. Implementations are thread-confined to their channel's worker. */
public interface ChannelAdapter {

    Channel channel();

    /** One attempt; never throws for what the provider or the network does, only for bugs. */
    Attempt send(Message message) throws InterruptedException;

    /** Whether a retry of the same message could be told apart by the provider (an idempotency key). */
    default boolean idempotent() {
        return false;
    }
}
