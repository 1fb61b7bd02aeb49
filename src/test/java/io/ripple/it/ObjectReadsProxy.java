package io.ripple.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between a replica and its master's plain-HTTP Jolokia port that counts, in what the replica sends, its
 * raw reads of published files ({@code GET /ripple-object/}) and its reads through Jolokia (an exec of
 * {@code "readObject"}). With {@link #hideObjectReads} it turns every raw read's path into one the master has no context
 * for, so that the replica meets what a master of an earlier release answers (its HTTP server's own 404). It changes no
 * byte count, so the requests' signatures, which do not cover the address, stay good.
 */
final class ObjectReadsProxy implements AutoCloseable {

    private static final byte[] RAW_READ = "GET /ripple-object/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HIDDEN_READ = "GET /ripple-0bject/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JOLOKIA_READ = "\"readObject\"".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final AtomicInteger rawReads = new AtomicInteger();
    final AtomicInteger jolokiaReads = new AtomicInteger();
    volatile boolean hideObjectReads;

    ObjectReadsProxy(int port, int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::accept, "object-reads-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String jolokiaUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/jolokia/";
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                open.add(client);
                open.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromReplica) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (fromReplica) {
                        look(buffer, n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both
            } finally {
                close(from);
                close(to);
            }
        }, "object-reads-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Counts what the replica asks for; hides raw reads when told to. A request's head arrives in one piece. */
    private void look(byte[] buffer, int length) {
        for (int i = 0; i + JOLOKIA_READ.length <= length; i++) {
            if (matches(buffer, i, length, RAW_READ)) {
                rawReads.incrementAndGet();
                if (hideObjectReads) {
                    System.arraycopy(HIDDEN_READ, 0, buffer, i, HIDDEN_READ.length);
                }
            } else if (matches(buffer, i, length, JOLOKIA_READ)) {
                jolokiaReads.incrementAndGet();
            }
        }
    }

    private static boolean matches(byte[] buffer, int at, int length, byte[] word) {
        if (at + word.length > length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (buffer[at + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(ObjectReadsProxy::close);
    }
}
