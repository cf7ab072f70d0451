package io.bourse.launcher;

import io.bourse.edge.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** A WebSocket test client that keeps every message it receives. */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    WsClient(final int port) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/ws"), this).join();
    }

    void send(final String json) {
        socket.sendText(json, true).join();
    }

    JsonNode await(final Predicate<JsonNode> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> received.stream().filter(match).findFirst().orElse(null), m -> m != null);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
        partial.append(data);
        if (last) {
            received.add(Http.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
