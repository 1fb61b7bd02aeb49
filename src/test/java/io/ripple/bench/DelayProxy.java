package io.ripple.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy that behaves like a long link: it accepts on one address, connects to the real server, and forwards both
 * directions, each chunk {@code oneWayMillis} after it arrived, so that a request and its answer cost a round trip of
 * twice that. A new connection costs one round trip more before its first bytes arrive (the TCP handshake a real link
 * has and loopback hides). Each direction holds at most {@link #WINDOW_BYTES} in flight, as a TCP window does: one
 * connection over this link carries at most a window per round trip.
 *
 * <p>It counts <em>exchanges</em>: each time a client sends after the server has answered on that connection (or
 * sends first on a new one), the client waits at least one round trip for what follows. Counted with the new
 * connections' handshakes, that is the number of round trips the traffic cannot hide, whatever its bytes. The
 * master's polls of a replica's progress are counted apart ({@link #polls()}), and so are JMX RMI's pings
 * ({@link #pings()}, also in {@link #roundTrips()}).
 */
final class DelayProxy implements AutoCloseable {

    /** Bytes one direction of a connection holds in flight; Linux's default largest receive window is 6 MiB. */
    static final int WINDOW_BYTES = 4 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final byte JRMP_PING = 0x52;
    private static final byte[] POLLED_ATTRIBUTE = "LastRunDetail".getBytes(StandardCharsets.US_ASCII);
    /** A replica's sync: from its request for the version's manifest to its request to confirm its turn. */
    private static final byte[] SYNC_STARTS = "publishedVersion".getBytes(StandardCharsets.US_ASCII);
    /** Or where the master's turn request carries the manifest: the sync starts with it. */
    private static final byte[] TURN_STARTS = "takeTurn".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SYNC_ENDS = "confirmTurn".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private volatile long delayNanos;
    private final Trace trace;
    private final AtomicLong exchanges = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * @param name what the trace calls this link, e.g. {@code master→replica-1}
     * @param listen where clients connect
     * @param upstream the real server
     * @param oneWayMillis the delay each way
     * @param trace where exchanges are written as they happen; null for none
     */
    DelayProxy(String name, InetSocketAddress listen, InetSocketAddress upstream, long oneWayMillis, Trace trace) throws IOException {
        this.name = name;
        this.upstream = upstream;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(oneWayMillis);
        this.trace = trace;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(listen, 50);
        this.acceptor = new Thread(this::accept, "proxy-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Sets the delay each way for the chunks that arrive from now on. */
    void delay(long oneWayMillis) {
        delayNanos = TimeUnit.MILLISECONDS.toNanos(oneWayMillis);
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * Exchanges plus new connections (each costs a handshake) since this proxy started, but for the master's polls of a
     * replica's progress: those run beside the turn, and their number grows with its length rather than with its steps.
     */
    long roundTrips() {
        return exchanges.get() + connections.get() - polls.get();
    }

    /** The master's polls of a replica's progress: requests for its Server attribute LastRunDetail. */
    long polls() {
        return polls.get();
    }

    /** JMX RMI's pings: before a call on a connection idle for a while, the JDK asks whether it is still alive. */
    long pings() {
        return pings.get();
    }

    long exchanges() {
        return exchanges.get();
    }

    long connections() {
        return connections.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                long acceptedAt = System.nanoTime();
                Socket server = new Socket();
                server.connect(upstream, 5_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                synchronized (open) {
                    open.add(client);
                    open.add(server);
                }
                connections.incrementAndGet();
                Connection c = new Connection(ids.incrementAndGet());
                if (trace != null) {
                    trace.line(name + " #" + c.id + " connect");
                }
                // the client's first bytes arrive after the handshake's round trip and their own one-way delay
                pump(c, client, server, true, acceptedAt + 2 * delayNanos);
                pump(c, server, client, false, acceptedAt);
            } catch (IOException e) {
                if (!closed && trace != null) {
                    trace.line(name + " accept failed: " + e.getMessage());
                }
            }
        }
    }

    /** Which side spoke last on one connection, to count the client's turns. */
    private final class Connection {
        final int id;
        boolean clientSpokeLast;

        Connection(int id) {
            this.id = id;
        }

        long requestedAt;

        boolean poll;

        synchronized void arrived(boolean fromClient, byte[] bytes, int length) {
            if (fromClient && !clientSpokeLast) {
                exchanges.incrementAndGet();
                poll = false;
                if (length == 1 && bytes[0] == JRMP_PING) {
                    pings.incrementAndGet();
                }
                requestedAt = System.nanoTime();
                if (trace != null) {
                    trace.line(name + " #" + id + " request " + length + " B: " + Trace.printable(bytes, length));
                }
            } else if (trace != null) {
                // after the request: one delay and the server's own time
                trace.line(String.format("%s #%d %s %d B after %.1f ms", name, id, fromClient ? "more of the request" : "answer",
                        length, (System.nanoTime() - requestedAt) / 1e6)
                        + (fromClient ? ": " + Trace.printable(bytes, length) : "")); // a request's body may come apart
            }
            if (fromClient && trace != null) {
                if (contains(bytes, length, SYNC_STARTS) || contains(bytes, length, TURN_STARTS)) {
                    trace.syncStarts();
                } else if (contains(bytes, length, SYNC_ENDS)) {
                    trace.syncEnds();
                }
            }
            if (fromClient && !poll && contains(bytes, length, POLLED_ATTRIBUTE)) {
                poll = true;
                polls.incrementAndGet();
            }
            clientSpokeLast = fromClient;
        }
    }

    private static boolean contains(byte[] bytes, int length, byte[] word) {
        outer:
        for (int i = 0; i + word.length <= length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (bytes[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private record Chunk(long dueNanos, byte[] bytes, int length) {
    }

    private void pump(Connection c, Socket from, Socket to, boolean fromClient, long notBeforeNanos) throws IOException {
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Semaphore window = new Semaphore(WINDOW_BYTES);
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    byte[] buffer = new byte[CHUNK];
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    c.arrived(fromClient, buffer, n);
                    window.acquireUninterruptibly(n);
                    long delay = delayNanos;
                    queue.add(new Chunk(Math.max(System.nanoTime() + delay, notBeforeNanos + delay), buffer, n));
                }
            } catch (IOException e) {
                // the connection ended
            }
            queue.add(new Chunk(System.nanoTime() + delayNanos, null, -1));
        }, "proxy-" + name + "-read");
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    long wait;
                    while ((wait = chunk.dueNanos - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (chunk.bytes == null) {
                        to.shutdownOutput();
                        break;
                    }
                    out.write(chunk.bytes, 0, chunk.length);
                    out.flush();
                    window.release(chunk.length);
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-" + name + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        synchronized (open) {
            open.forEach(DelayProxy::closeQuietly);
            open.clear();
        }
    }

    static InetSocketAddress at(String host, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** The exchanges of a run as they happen, with their time from the start, for finding where round trips go. */
    static final class Trace {
        private final long start = System.nanoTime();
        private final List<String> lines = new ArrayList<>();

        synchronized void line(String text) {
            lines.add(String.format("%8.1f ms  %s", (System.nanoTime() - start) / 1e6, text));
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        private long syncStart = -1;
        private final List<Double> syncs = new ArrayList<>();

        synchronized void clear() {
            lines.clear();
            syncs.clear();
            syncStart = -1;
        }

        synchronized void syncStarts() {
            syncStart = System.nanoTime();
        }

        synchronized void syncEnds() {
            if (syncStart >= 0) {
                syncs.add((System.nanoTime() - syncStart) / 1e6);
                syncStart = -1;
            }
        }

        /** The syncs seen since the last {@link #clear()}, in milliseconds: right only while replicas sync one at a time. */
        synchronized List<Double> syncs() {
            return List.copyOf(syncs);
        }

        /** The readable words of a request: an HTTP request's line and JSON body, the names in an RMI call. */
        static String printable(byte[] bytes, int length) {
            String text = new String(bytes, 0, Math.min(length, 4096), StandardCharsets.ISO_8859_1);
            int body = text.indexOf("\r\n\r\n");
            if (text.startsWith("POST ") || text.startsWith("GET ")) {
                // an HTTP request: its line and its body say what it asks; the headers are the same each time
                String line = text.substring(0, Math.max(0, text.indexOf('\r')));
                String json = body < 0 ? "" : text.substring(body + 4);
                return line + " " + (json.length() > 300 ? json.substring(0, 300) + "…" : json);
            }
            StringBuilder out = new StringBuilder();
            StringBuilder word = new StringBuilder();
            for (char ch : text.toCharArray()) {
                if (ch >= 0x20 && ch < 0x7f) {
                    word.append(ch);
                } else {
                    if (word.length() >= 4) {
                        out.append(word).append(' ');
                    }
                    word.setLength(0);
                }
            }
            if (word.length() >= 4) {
                out.append(word);
            }
            String s = out.toString();
            return s.length() > 300 ? s.substring(0, 300) + "…" : s;
        }
    }
}
