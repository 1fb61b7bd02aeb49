package io.ripple.node;

import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the hosted server's lifecycle: start, stop and restart in this process, with the state, boot id, start time
 * and restart count that the Server MBean shows. Start, stop and restart never overlap.
 */
public final class HostLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostLifecycle.class);

    /** Hears of each restart of the hosted server once it is over, on the thread that restarted it. */
    public interface RestartListener {
        /** The hosted server runs again: {@link #bootId()}, {@link #restartCount()} and the rest show the new start. */
        void restarted(HostLifecycle lifecycle, String reason);

        /** The restart failed: the state is FAILED and {@code error} says why. */
        void restartFailed(HostLifecycle lifecycle, String reason, String error);
    }

    private final NodeSettings settings;
    private final RippleHost host;
    private final ProcessRestart processRestart;
    private final AtomicLong restartCount = new AtomicLong();
    private volatile ServerState state = ServerState.STARTING;
    private volatile String bootId = "";
    private volatile long startTime;
    private volatile long appliedVersion;
    private volatile String lastRestartReason = "";
    private volatile String lastError = "";
    private final List<RestartListener> listeners = new CopyOnWriteArrayList<>();

    public HostLifecycle(NodeSettings settings, RippleHost host) {
        this(settings, host, null);
    }

    /**
     * @param processRestart how to restart when the host cannot restart inside this process (agent mode), or null when
     *                       a restart is the host's {@code stop()} and {@code start()}
     */
    public HostLifecycle(NodeSettings settings, RippleHost host, ProcessRestart processRestart) {
        this.settings = settings;
        this.host = host;
        this.processRestart = processRestart;
    }

    /** Adds a listener for restarts; a listener that throws is logged and skipped. */
    public void addRestartListener(RestartListener listener) {
        listeners.add(listener);
    }

    /** True when a restart ends this process for its supervisor to start again (exit code 75). */
    public boolean restartsProcess() {
        return processRestart != null;
    }

    /** Starts the hosted server with the server.conf now on disk and the given configuration version. */
    public synchronized void start(long version) throws HostStartException {
        state = ServerState.STARTING;
        startHost(version);
    }

    /** Stops and starts the hosted server again with what is on disk now; on failure the state is FAILED. */
    public synchronized void restart(long version, String reason) throws HostStartException {
        log.info("Restarting: {}", reason);
        state = ServerState.RESTARTING;
        lastRestartReason = reason;
        restartCount.incrementAndGet();
        if (processRestart != null) {
            log.info("Restarting the process: exit code {} asks the supervisor to start it again", ProcessRestart.EXIT_CODE);
            processRestart.exit(reason);
            // Only a test's stand-in for the exit returns.
            fail("The process did not exit for its restart");
            throw new HostStartException("The process did not exit for its restart", null);
        }
        stopHost();
        try {
            startHost(version);
        } catch (HostStartException e) {
            tell(l -> l.restartFailed(this, reason, e.getMessage()));
            throw e;
        }
        tell(l -> l.restarted(this, reason));
    }

    private void tell(Consumer<RestartListener> event) {
        for (RestartListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("A restart listener failed: {}", e.toString());
            }
        }
    }

    /**
     * Asks the hosted server whether it could run with a candidate configuration, without starting anything.
     *
     * @param candidateVersion the version the candidate would be published as
     * @throws Exception the host's rejection, with its message
     */
    public void validate(StanzaFile candidate, long candidateVersion) throws Exception {
        host.validate(new HostConfiguration(settings.name(), candidateVersion, "", candidate, settings.confDir()));
    }

    public synchronized void stop() {
        state = ServerState.STOPPING;
        stopHost();
    }

    /** Marks a phase the node runtime is in, such as SYNCING, without touching the host. */
    public void enter(ServerState newState) {
        state = newState;
    }

    private void startHost(long version) throws HostStartException {
        String newBootId = UUID.randomUUID().toString();
        try {
            StanzaFile conf = StanzaFile.read(settings.confFile());
            host.start(new HostConfiguration(settings.name(), version, newBootId, conf, settings.confDir()));
        } catch (ConfigException e) {
            fail(e.getMessage());
            throw new HostStartException(e.getMessage(), e);
        } catch (Exception e) {
            String message = "The hosted server failed to start: " + e;
            fail(message);
            throw new HostStartException(message, e);
        }
        bootId = newBootId;
        startTime = System.currentTimeMillis();
        appliedVersion = version;
        lastError = "";
        state = ServerState.RUNNING;
        log.info("Start completed (configuration version {}, boot id {})", version, newBootId);
    }

    private void fail(String message) {
        state = ServerState.FAILED;
        lastError = message;
        log.error(message);
    }

    private void stopHost() {
        try {
            host.stop();
        } catch (Exception e) {
            log.warn("The hosted server did not stop cleanly: {}", e.toString());
        }
    }

    public ServerState state() {
        return state;
    }

    public boolean ready() {
        if (state != ServerState.RUNNING && state != ServerState.SYNCING) {
            return false;
        }
        try {
            return host.isReady();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String bootId() {
        return bootId;
    }

    public long startTime() {
        return startTime;
    }

    public long restartCount() {
        return restartCount.get();
    }

    public String lastRestartReason() {
        return lastRestartReason;
    }

    public long appliedVersion() {
        return appliedVersion;
    }

    public String lastError() {
        return lastError;
    }
}
