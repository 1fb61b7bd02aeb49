package io.ripple.agent;

import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The host of an unmodified program run with the agent: the program starts itself (its {@code main}), so
 * {@link #start} only says that the configuration is in place; a restart is a process restart, so {@link #stop} has
 * nothing to do. Ready is Ripple running, or, with {@code ready-port}, the program accepting connections on that port,
 * or, with {@code ready-url}, that URL answering 2xx or 3xx; never once the program failed ({@link #programFailed}).
 */
final class AgentHost implements RippleHost {

    /** A Ready probe gives up on a connection after this long. */
    static final int PROBE_TIMEOUT_MILLIS = 200;

    private final int readyPort;
    private final HttpReadyProbe readyUrl;
    private final CountDownLatch configured = new CountDownLatch(1);
    private volatile boolean started;
    private String failure = "";
    private Consumer<String> failureListener;

    AgentHost(int readyPort) {
        this(readyPort, null);
    }

    /** @param readyUrl a URL that answers 2xx or 3xx when the program is Ready, or null */
    AgentHost(int readyPort, URI readyUrl) {
        this.readyPort = readyPort;
        this.readyUrl = readyUrl == null ? null : new HttpReadyProbe(readyUrl);
    }

    @Override
    public void start(HostConfiguration configuration) {
        started = true;
        configured.countDown();
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isReady() {
        if (!started || failed()) {
            return false;
        }
        if (readyUrl != null) {
            return readyUrl.answers();
        }
        if (readyPort == 0) {
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", readyPort), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Counted down when the configuration is in place: after a replica's startup sync, before the program runs. */
    CountDownLatch configured() {
        return configured;
    }

    /**
     * The program failed on its own: its {@code main} threw, or it ended. The first reason is kept and passed on to the
     * listener, now or once there is one.
     */
    void programFailed(String why) {
        Consumer<String> listener;
        synchronized (this) {
            if (!failure.isEmpty()) {
                return;
            }
            failure = why;
            listener = failureListener;
        }
        if (listener != null) {
            listener.accept(why);
        }
    }

    /** Hears of the program's failure: at once when it already failed. */
    void onProgramFailure(Consumer<String> listener) {
        String already;
        synchronized (this) {
            failureListener = listener;
            already = failure;
        }
        if (!already.isEmpty()) {
            listener.accept(already);
        }
    }

    private synchronized boolean failed() {
        return !failure.isEmpty();
    }
}
