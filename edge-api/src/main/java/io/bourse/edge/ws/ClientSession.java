package io.bourse.edge.ws;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One WebSocket client: its subscriptions, the user it signed in as, and an outgoing queue drained
 * on a shared pool. Publishing never blocks: a client whose queue is full is too slow and is
 * disconnected (close code 1008, reason "too slow"), so it can never hold up the others.
 */
final class ClientSession {

    static final int QUEUE_CAPACITY = 2_000;
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 1 << 20;

    private final WebSocketSession session;
    private final Executor senders;
    private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean draining = new AtomicBoolean();
    final Set<String> channels = ConcurrentHashMap.newKeySet();
    volatile String userId;

    ClientSession(final WebSocketSession session, final Executor senders) {
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.senders = senders;
    }

    String id() {
        return session.getId();
    }

    /** Queues {@code json} for sending; drops the client if it cannot keep up. */
    void send(final String json) {
        if (!outgoing.offer(json)) {
            close(CloseStatus.POLICY_VIOLATION.withReason("too slow"));
            return;
        }
        if (draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    private void drain() {
        try {
            String next;
            while ((next = outgoing.poll()) != null && session.isOpen()) {
                session.sendMessage(new TextMessage(next));
            }
        } catch (final IOException | IllegalStateException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        } finally {
            draining.set(false);
            if (!outgoing.isEmpty() && session.isOpen() && draining.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }
    }

    void close(final CloseStatus status) {
        try {
            if (session.isOpen()) {
                session.close(status);
            }
        } catch (final IOException ignored) {
            // already gone
        }
    }
}
