package io.ripple.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports that were free a moment ago. The probe is racy by nature, so {@link NodeProcess} starts a server
 * again on new ports when one of them was taken meanwhile.
 */
final class FreePorts {

    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    static synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free loopback port found");
    }
}
