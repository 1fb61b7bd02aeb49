package io.ripple.node;

import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import io.ripple.util.DaemonThreads;
import io.ripple.util.MessageId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the hosted server's lifecycle: start, stop and restart in this process, with the state, boot id, start time
 * and restart count that the Server MBean shows. Start, stop and restart never overlap: a host's {@code stop()} that
 * outlasts {@code stop-timeout} is interrupted, and the next start waits for it to end. Only a {@code stop()} that
 * ignores the interrupt for {@link #ABANDONED_STOP_GRACE_MILLIS} more is abandoned while it runs; the restart's note
 * and a warning say so.
 */
public final class HostLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostLifecycle.class);
    /** How long an interrupted {@code stop()} may take to end before the start goes on beside it. */
    static final long ABANDONED_STOP_GRACE_MILLIS = 5_000;

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
    private volatile String hostFailure = "";
    private volatile boolean draining;
    /** The failure of {@code isReady()} last logged, until it answers again; null when it answers. */
    private final AtomicReference<String> readyFailure = new AtomicReference<>();
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

    /**
     * Drains, stops and starts the hosted server again with what is on disk now; on failure the state is FAILED.
     *
     * @return how the drain and the stop went, for the run's detail ("drained 1200 ms (host idle)", "stop forced after
     *         stop-timeout 30 s"); empty when there was no drain and the stop was clean
     */
    public synchronized String restart(long version, String reason) throws HostStartException {
        log.info(MessageId.RESTARTING.line("Restarting: {}"), reason);
        state = ServerState.RESTARTING;
        lastRestartReason = reason;
        restartCount.incrementAndGet();
        boolean interrupted = false;
        String note;
        try {
            note = drain();
        } catch (InterruptedException e) {
            interrupted = true;
            note = "drain cut short: interrupted";
        }
        try {
            if (processRestart != null) {
                log.info("Restarting the process: exit code {} asks the supervisor to start it again", ProcessRestart.EXIT_CODE);
                processRestart.exit(reason);
                // Only a test's stand-in for the exit returns.
                fail("The process did not exit for its restart");
                throw new HostStartException("The process did not exit for its restart", null);
            }
            note = join(note, stopHost());
            try {
                startHost(version);
            } catch (HostStartException e) {
                HostStartException reported = note.isEmpty() ? e : new HostStartException(e.getMessage() + " (" + note + ")", e);
                tell(l -> l.restartFailed(this, reason, reported.getMessage()));
                throw reported;
            }
            tell(l -> l.restarted(this, reason));
            return note;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A process-restarting host's restart for a change it can apply inside the process ({@link ProcessRestart#inProcess}):
     * the restart count, reason, boot id and applied version move as for a restart, and a reload that fails leaves the
     * state FAILED.
     */
    public synchronized void reloadInProcess(long version, String reason, InProcessReload reload) throws HostStartException {
        log.info("Restarting in-process ({}): {}", reload.describe(), reason);
        state = ServerState.RESTARTING;
        lastRestartReason = reason;
        restartCount.incrementAndGet();
        try {
            reload.apply();
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            fail(message);
            tell(l -> l.restartFailed(this, reason, message));
            throw new HostStartException(message, e);
        }
        bootId = UUID.randomUUID().toString();
        startTime = System.currentTimeMillis();
        appliedVersion = version;
        lastError = "";
        state = ServerState.RUNNING;
        log.info("Reload completed (configuration version {}, boot id {})", version, bootId);
        tell(l -> l.restarted(this, reason));
    }

    /** The in-process reload that applies a change to these files, when this host has one for them. */
    Optional<InProcessReload> inProcessReloadFor(List<String> files) {
        if (processRestart == null || files.isEmpty()) {
            return Optional.empty();
        }
        try {
            return processRestart.inProcess(files, settings.confDir());
        } catch (RuntimeException e) {
            log.warn("Cannot tell whether the change can be applied in-process ({}): restarting the process", e.toString());
            return Optional.empty();
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    /**
     * Keeps the server not Ready, still running, for {@code drain-time}, or less when the host says it is idle.
     *
     * @return "drained N ms ..." or empty when there is no drain-time
     */
    private String drain() throws InterruptedException {
        long budgetMillis = settings.drainSeconds() * 1000L;
        if (budgetMillis == 0) {
            return "";
        }
        draining = true;
        long start = System.nanoTime();
        log.info("Draining: not Ready, still serving, for up to {} s (drain-time) before the stop", settings.drainSeconds());
        boolean idle;
        try {
            idle = host.drain(Duration.ofMillis(budgetMillis));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.warn(MessageId.HOST_DRAIN_FAILED.line("The hosted server's drain failed: {}; waiting out drain-time"), e.toString());
            idle = false;
        }
        long left = budgetMillis - elapsedMillis(start);
        if (!idle && left > 0) {
            Thread.sleep(left);
        }
        long took = elapsedMillis(start);
        log.info("Drain completed after {} ms ({})", took, idle ? "the host was idle" : "drain-time");
        return "drained " + took + " ms" + (idle ? " (host idle)" : "");
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
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

    /**
     * The hosted server stopped serving on its own, not at Ripple's request: a program run with the agent whose
     * {@code main} threw, or which ended. The state becomes FAILED, and a wait for Ready ends at once with {@code why}.
     */
    public void hostFailed(String why) {
        hostFailure = why;
        fail(why);
    }

    /** Why the hosted server failed on its own ({@link #hostFailed}), or empty. */
    public String hostFailure() {
        return hostFailure;
    }

    public synchronized void stop() {
        state = ServerState.STOPPING;
        stopHost();
    }

    /** The server.conf stanzas the hosted server declares as its own. */
    Set<String> hostStanzas() {
        return host.stanzas();
    }

    /** True while a restart drains the server: it is not Ready and still serves, until it is stopped. */
    public boolean draining() {
        return draining;
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
            // RippleHost.start: the message says why; the class is only a clue when there is no message.
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
            String message = "The hosted server failed to start: " + reason;
            fail(message);
            throw new HostStartException(message, e);
        }
        bootId = newBootId;
        startTime = System.currentTimeMillis();
        appliedVersion = version;
        lastError = "";
        state = ServerState.RUNNING;
        log.info(MessageId.NODE_STARTED.line("Start completed (configuration version {}, boot id {})"), version, newBootId);
    }

    private void fail(String message) {
        state = ServerState.FAILED;
        lastError = message;
        log.error(MessageId.HOST_START_FAILED.line(message));
    }

    /**
     * Calls the host's {@code stop()} on a thread of its own and waits {@code stop-timeout} for it; a stop that takes
     * longer is interrupted and abandoned.
     *
     * @return empty, or what was forced
     */
    private String stopHost() {
        Thread stopper = DaemonThreads.start("ripple-" + settings.name() + "-stop", () -> {
            try {
                host.stop();
            } catch (Exception e) {
                log.warn(MessageId.HOST_STOP_UNCLEAN.line("The hosted server did not stop cleanly: {}"), e.toString());
            }
        });
        boolean interrupted = false;
        try {
            stopper.join(settings.stopTimeoutSeconds() * 1000L);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            draining = false;
        }
        String note = "";
        if (stopper.isAlive()) {
            stopper.interrupt();
            note = "stop forced after stop-timeout " + settings.stopTimeoutSeconds() + " s";
            log.warn(MessageId.HOST_STOP_TIMEOUT.line("The hosted server's stop() still runs after stop-timeout {} s: interrupted"), settings.stopTimeoutSeconds());
            // what the stop does after its interrupt must not run beside the next start
            if (!awaitEnd(stopper, ABANDONED_STOP_GRACE_MILLIS)) {
                note += "; stop() abandoned while it still runs";
                log.warn("The hosted server's stop() still runs {} ms after its interrupt: abandoned; the start goes on"
                        + " while it runs", ABANDONED_STOP_GRACE_MILLIS);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return note;
    }

    /** Whether {@code thread} ended within {@code millis}; an interrupt of the caller ends the wait and is kept. */
    private static boolean awaitEnd(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    public ServerState state() {
        return state;
    }

    public boolean ready() {
        if (state != ServerState.RUNNING && state != ServerState.SYNCING) {
            return false;
        }
        try {
            boolean ready = host.isReady();
            readyFailure.set(null);
            return ready;
        } catch (RuntimeException e) {
            // probed many times a second: one line per failure, not per probe
            String failure = e.toString();
            if (!failure.equals(readyFailure.getAndSet(failure))) {
                log.warn(MessageId.HOST_READY_CHECK_FAILED.line("The hosted server's isReady() failed: {}; it counts as not Ready"), failure);
            }
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
