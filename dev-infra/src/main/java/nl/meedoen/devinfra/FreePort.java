package nl.meedoen.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A free TCP port for a server this JVM is about to start. */
public final class FreePort {

    /**
     * Ports handed out in this JVM. A port is only free until its server binds it, and the kernel may hand the same one
     * to the next pick before that: a local stack once got its gateway and Kafka on one port, and nothing started.
     */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePort() {}

    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = bindAny();
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port that this JVM has not handed out already");
    }

    private static int bindAny() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
