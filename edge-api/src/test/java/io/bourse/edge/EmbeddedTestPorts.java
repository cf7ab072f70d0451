package io.bourse.edge;

import java.io.IOException;
import java.net.ServerSocket;

/** Free local ports for nodes started by tests. */
public final class EmbeddedTestPorts {

    private EmbeddedTestPorts() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
