package io.bourse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Local ports for servers a test starts, or for an address nothing answers on. */
public final class Ports {

    private Ports() {
    }

    /**
     * A local port the system just handed out and nothing listens on now: a server started right after
     * can bind it, and a client that connects to it is refused.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
