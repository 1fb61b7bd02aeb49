package io.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.remote.RemoteException;
import io.ripple.util.MessageId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code --wait}: follows one run until it ends by polling {@code events(afterSequence)}, which works the same over JMX
 * and Jolokia. Prints one line per state change and a progress line (redrawn in place on a terminal). Ctrl-C stops
 * following, not the run. Returns 0 when the run COMPLETED, 1 otherwise.
 */
final class RunFollower {

    static final long POLL_INTERVAL_MILLIS = 250;
    static final long STATUS_CHECK_INTERVAL_MILLIS = 3_000;
    /** How long to keep trying when the master stops answering (it may be restarting itself, step 7). */
    static final long RECONNECT_DEADLINE_MILLIS = 120_000;

    private static final Set<String> FINAL = Set.of("RESTARTED", "UP_TO_DATE", "FAILED", "TIMED_OUT", "SKIPPED");
    private static final Set<String> FAILED = Set.of("FAILED", "TIMED_OUT");
    private static final Set<String> WORKING = Set.of("REQUESTED", "CHECKING", "SYNCING", "RESTARTING");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Probe probe;
    private final Output out;
    private final boolean interactive;
    private final String followUp;
    private final Map<String, String> states = new LinkedHashMap<>();
    private final Map<String, String> replicaStates = new LinkedHashMap<>();
    private BatchPause pause = BatchPause.of(null);
    private long lastReplicaEnd;
    private final AtomicBoolean following = new AtomicBoolean(true);
    private String runId;
    private long lastSeq;
    private long startedAtMillis;
    private int nameWidth = 6;
    private String lastProgress = "";
    private boolean ended;

    /** @param followUp the command line that follows the run again, named when Ctrl-C stops following */
    RunFollower(Probe probe, Output out, boolean interactive, String followUp) {
        this.followUp = followUp;
        this.probe = probe;
        this.out = out;
        this.interactive = interactive;
    }

    int follow(String runId) {
        this.runId = runId;
        Thread hook = interactive ? new Thread(this::interrupted, "ripple-ctrl-c") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            readRun(Output.parse(probe.statusJson()));
            poll();
            long lastStatusCheck = System.currentTimeMillis();
            long failingSince = 0;
            while (!ended) {
                sleep();
                try {
                    if (failingSince > 0) {
                        probe.reconnect();
                        out.note("Connected again to " + probe.url() + ".");
                        failingSince = 0;
                    }
                    poll();
                    if (!ended && System.currentTimeMillis() - lastStatusCheck >= STATUS_CHECK_INTERVAL_MILLIS) {
                        lastStatusCheck = System.currentTimeMillis();
                        checkStatus();
                    }
                } catch (RemoteException e) {
                    if (!mayHeal(e)) {
                        throw e;
                    }
                    long now = System.currentTimeMillis();
                    if (failingSince == 0) {
                        failingSince = now;
                        clearProgress();
                        out.note((e.missingMBean() ? "The master is starting (" : "Lost the connection (") + e.getMessage()
                                + "); reconnecting for up to " + RECONNECT_DEADLINE_MILLIS / 1000 + " s...");
                    } else if (now - failingSince > RECONNECT_DEADLINE_MILLIS) {
                        throw e;
                    }
                }
            }
            clearProgress();
            String json = probe.statusJson();
            JsonNode status = Output.parse(json);
            if (out.json()) {
                out.jsonText(json);
            } else {
                out.line("");
                out.text(probe.statusText());
            }
            boolean same = runId.equals(status.path("runId").asText());
            return same && "COMPLETED".equals(status.path("state").asText()) ? ExitCodes.OK : ExitCodes.FAILED;
        } finally {
            following.set(false);
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it says why we stop
                }
            }
        }
    }

    /**
     * A master that restarts its own process cannot be reached for a moment, and a master that is starting may answer
     * before its Cluster MBean is there (a host of its own, an older Ripple): both heal by themselves.
     */
    private static boolean mayHeal(RemoteException e) {
        return e.kind() == RemoteException.Kind.CANNOT_CONNECT || e.kind() == RemoteException.Kind.TIMEOUT
                || e.missingMBean();
    }

    /** The servers of the run and their states as the status shows them now. */
    private void readRun(JsonNode status) {
        if (runId.equals(status.path("runId").asText())) {
            pause = BatchPause.of(status.path("mode").asText(null));
            for (JsonNode row : status.path("servers")) {
                states.put(row.path("name").asText(), row.path("state").asText());
                if ("replica".equalsIgnoreCase(row.path("role").asText())) {
                    replicaStates.put(row.path("name").asText(), row.path("state").asText());
                    lastReplicaEnd = Math.max(lastReplicaEnd, parseTime(row.path("endedAt").asText(null)));
                }
            }
            startedAtMillis = parseTime(status.path("startedAt").asText(null));
            ended = !"IN_PROGRESS".equals(status.path("state").asText());
        }
        nameWidth = Math.max(nameWidth, states.keySet().stream().mapToInt(String::length).max().orElse(0));
        if (startedAtMillis <= 0) {
            startedAtMillis = System.currentTimeMillis();
        }
    }

    /** Reads the events after the last one seen and prints those of this run. */
    private void poll() {
        JsonNode events = Output.parse(probe.events(lastSeq));
        boolean changed = false;
        for (JsonNode e : events) {
            lastSeq = Math.max(lastSeq, e.path("seq").asLong());
            if (!runId.equals(e.path("runId").asText())) {
                continue;
            }
            changed = true;
            print(e);
        }
        if (!ended) {
            String waiting = pause.line(replicaStates, lastReplicaEnd);
            if (waiting != null) {
                clearProgress();
                out.line(waiting);
            }
        }
        progress(changed);
    }

    private void print(JsonNode e) {
        String kind = e.path("kind").asText();
        String time = clock(e.path("time").asText(null));
        String state = e.path("state").asText();
        String detail = e.path("detail").asText("");
        clearProgress();
        switch (kind) {
            case "run" -> {
                if (pause.seconds() == 0) {
                    pause = BatchPause.of(e.path("mode").asText(null));
                }
                out.line(String.format("%s  run %s started (%s, version %s, requested by %s)", time, runId,
                    e.path("mode").asText(), e.path("version").asText(), e.path("requestedBy").asText()));
            }
            case "end" -> {
                ended = true;
                out.line(String.format("%s  run %s %s: %s", time, runId, state, detail));
            }
            default -> {
                String server = e.path("server").asText();
                if (!"master-restarting".equals(kind) || !states.containsKey(server) || !FINAL.contains(states.get(server))) {
                    states.put(server, state);
                    if (replicaStates.containsKey(server)) {
                        replicaStates.put(server, state);
                        if (FINAL.contains(state)) {
                            lastReplicaEnd = Math.max(lastReplicaEnd, parseTime(e.path("time").asText(null)));
                        }
                    }
                }
                nameWidth = Math.max(nameWidth, server.length());
                out.line(String.format("%s  %-" + nameWidth + "s  %-10s  %s", time, server, state, detail).stripTrailing());
            }
        }
    }

    /** A run whose end event was missed (e.g. across the master's restart) ends when the status says so. */
    private void checkStatus() {
        JsonNode status = Output.parse(probe.statusJson());
        if (!runId.equals(status.path("runId").asText()) || !"IN_PROGRESS".equals(status.path("state").asText())) {
            poll();
            ended = true;
        }
    }

    private void progress(boolean changed) {
        long done = states.values().stream().filter(FINAL::contains).count();
        long working = states.values().stream().filter(WORKING::contains).count();
        long failed = states.values().stream().filter(FAILED::contains).count();
        double seconds = Math.max(0, System.currentTimeMillis() - startedAtMillis) / 1000.0;
        String line = String.format("%d/%d servers done, %d restarting, %d failed, %.1f s", done, states.size(), working,
                failed, seconds);
        if (out.terminal()) {
            out.redraw(line);
            lastProgress = line;
        } else if (changed && !ended) {
            out.line(line);
        }
    }

    private void clearProgress() {
        if (out.terminal() && !lastProgress.isEmpty()) {
            out.clearLine();
            lastProgress = "";
        }
    }

    /** The shutdown hook on Ctrl-C: say that the run goes on. */
    private void interrupted() {
        if (following.get()) {
            clearProgress();
            out.note("");
            out.note("Stopped following run " + runId + "; the cluster restart goes on on the master. "
                    + "See it with: " + followUp);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, MessageId.CLI_INTERRUPTED, "Interrupted while following the run.");
        }
    }

    private static long parseTime(String iso) {
        try {
            return iso == null ? 0 : Instant.parse(iso).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String clock(String iso) {
        long ms = parseTime(iso);
        return ms <= 0 ? CLOCK.format(Instant.now()) : CLOCK.format(Instant.ofEpochMilli(ms));
    }
}
