package io.ripple.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Loopback ports held by open sockets until they are handed on: with hundreds of servers starting one after
 * another, a port probed free and released at once is soon taken by some other connection.
 */
final class PortReservation implements AutoCloseable {

    private final Deque<ServerSocket> free = new ArrayDeque<>();
    private final Map<Integer, ServerSocket> taken = new HashMap<>();

    PortReservation(int count) {
        try {
            for (int i = 0; i < count * 2; i++) {
                free.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A held port, for a configuration file. */
    synchronized int take() {
        ServerSocket socket = free.removeFirst();
        taken.put(socket.getLocalPort(), socket);
        return socket.getLocalPort();
    }

    /** Lets go of a port just before its server binds it; ports this reservation does not hold are ignored. */
    synchronized void release(int port) throws IOException {
        ServerSocket socket = taken.remove(port);
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        for (ServerSocket s : free) {
            s.close();
        }
        for (ServerSocket s : taken.values()) {
            s.close();
        }
        free.clear();
        taken.clear();
    }
}
