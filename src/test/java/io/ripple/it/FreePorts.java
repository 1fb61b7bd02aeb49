package io.ripple.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports that were free a moment ago, taken below the kernel's ephemeral range: a port the kernel hands out
 * with bind(0) can be taken, between the probe and the server's own bind, by any outgoing connection on the host (a
 * master calling its replicas did this to a benchmark's replica). The probe stays racy against other tests choosing
 * at the same moment, so {@link NodeProcess} starts a server again on new ports when one was taken meanwhile.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int next() {
        int below = firstEphemeralPort();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = below - LOWEST > 1_000 ? ThreadLocalRandom.current().nextInt(LOWEST, below) : 0;
            if (port != 0 && handedOut.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                if (handedOut.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException taken) {
                // in use by something else: try another
            }
        }
        throw new IllegalStateException("no free loopback port found below " + below);
    }

    /** The lowest port of the kernel's ephemeral range. */
    static int firstEphemeralPort() {
        // a /proc file reports size 0, and Files.readString trusts the size: it read "3" of "32768 60999"
        try (java.io.BufferedReader in = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32_768; // Linux's default
        }
    }
}
