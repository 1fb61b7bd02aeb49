package io.ripple.remote;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.RunStatus;
import io.ripple.ServerStatus;
import io.ripple.ConfigStoreMXBean;
import io.ripple.FileInfo;
import io.ripple.ServerMXBean;
import io.ripple.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small implementations of Ripple's MXBeans that record what remote callers asked for. */
final class FakeBeans {

    private FakeBeans() {
    }

    /** A replica's Server MBean; {@code syncAndRestart("busy")} fails, {@code syncAndRestart("block")} blocks. */
    static final class Server implements ServerMXBean {
        final List<String> runs = new ArrayList<>();
        final CountDownLatch released = new CountDownLatch(1);
        /** Counted down when {@code syncAndRestart("block")} begins to block. */
        final CountDownLatch blocking = new CountDownLatch(1);

        @Override public String getName() { return "replica-1"; }
        @Override public String getRole() { return "replica"; }
        @Override public String getState() { return "RUNNING"; }
        @Override public boolean isReady() { return true; }
        @Override public String getBootId() { return "boot-42"; }
        @Override public String getStartTime() { return "2023-11-14T22:13:20.000Z"; }
        @Override public long getStartTimeMillis() { return 1_700_000_000_000L; }
        @Override public long getRestartCount() { return 3; }
        @Override public String getLastRestartReason() { return "cluster restart run 6"; }
        @Override public String getMasterName() { return "master"; }
        @Override public String getMasterSource() { return "server.conf"; }
        @Override public String getMasterUrl() { return ""; }
        @Override public String getConfigSource() { return "master"; }
        @Override public String getClusterId() { return ""; }
        @Override public long getTerm() { return 0; }
        @Override public String[] getMembers() { return new String[0]; }
        @Override public String resetClusterPin() { return "reset"; }
        @Override public String promote(boolean force) { return ""; }
        @Override public String getLastRunId() { return "6"; }
        @Override public String getLastRunOutcome() { return "RESTARTED"; }
        @Override public String getLastRunDetail() { return "2 files changed – naïve ünïcode"; }
        @Override public String restart() { return "restarting"; }
        @Override public String syncAndRestartUntil(String runId, long deadlineEpochMillis) { return syncAndRestart(runId); }

        @Override
        public synchronized String syncAndRestart(String runId) {
            if (runId.equals("busy")) {
                throw new IllegalStateException("restart already in progress: run 7");
            }
            if (runId.equals("block")) {
                blocking.countDown();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            runs.add(runId);
            return "accepted run " + runId;
        }
    }

    static final class ConfigStore implements ConfigStoreMXBean {
        static final List<FileInfo> FILES = List.of(
                new FileInfo("<entries>", 120, "aa11"), new FileInfo("junctions/app.json", 57, "bb22"));

        @Override public long getVersion() { return 12; }
        @Override public String getTimestamp() { return "2023-11-14T22:13:21.000Z"; }
        @Override public long getTimestampMillis() { return 1_700_000_001_000L; }
        @Override public String getDigest() { return "9f2c"; }
        @Override public long getAppliedVersion() { return 11; }
        @Override public int getFileCount() { return FILES.size(); }
        @Override public long getTotalBytes() { return 177; }
        @Override public String[] getDriftedFiles() { return new String[] {"banner.txt", "junctions/old.json"}; }
        @Override public int getDriftedFileCount() { return 2; }
        @Override public String getRefusedDigest() { return ""; }
        @Override public String getRefusedReason() { return ""; }
        @Override public String getRefusedAt() { return ""; }
        @Override public List<FileInfo> manifest() { return FILES; }
        @Override public String readChunk(String path, long offset, int length) { return path + "@" + offset + "+" + length; }

        @Override
        public VersionInfo publishedVersion(long version) {
            if (version != 12) {
                throw new IllegalArgumentException("no published version " + version);
            }
            return new VersionInfo(12, 1_700_000_001_000L, "9f2c", FILES);
        }

        @Override public String readObject(String sha256, long offset, int length) {
            // "base64:X" answers as a master does, base64 of "X@OFFSET+LENGTH"
            return sha256.startsWith("base64:") ? java.util.Base64.getEncoder().encodeToString((sha256.substring(7) + "@" + offset + "+" + length)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)) : sha256 + "@" + offset + "+" + length;
        }
        @Override public byte[] readObjectBytes(String sha256, long offset, int length) {
            return ("bytes:" + sha256 + "@" + offset + "+" + length).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        @Override public String[] readObjects(String[] shas) { return new String[shas.length]; }
        @Override public long refresh() { return 12; }
        @Override public String sync() { return "up to date"; }
    }

    static final class Cluster implements ClusterMXBean {
        @Override public String[] getReplicas() { return new String[] {"replica-1", "replica-2"}; }
        @Override public boolean isInProgress() { return false; }
        @Override public String getStatusMessage() { return MESSAGE_NONE; }
        @Override
        public RunStatus getStatus() {
            return new RunStatus("7", "ripple", "COMPLETED", MESSAGE_RESTARTED, "admin (jmx 127.0.0.1)", "", "", 3, "ab",
                    List.of(new ServerStatus("replica-1", "replica", "RESTARTED", "", "", "", 2, 3, "1 file changed")));
        }
        @Override public String health() { return "{}"; }
        @Override public String restartPlan(int batch, int pause, int minReady, int maxFailures, boolean revert) { return "Run 9 started (plan: batch 1)"; }
        @Override public String rollback(long version) { return "Run 10 started (rollback to version " + version + ", ripple)"; }
        @Override public String history() { return "[]"; }
        @Override public String previewPlan(int batch, int pause, int minReady, int maxFailures, boolean revert) { return "plan"; }
        @Override public int getMaxWaitTime() { return 60; }
        @Override public String getLastRunState() { return "COMPLETED"; }
        @Override public boolean isLastRunSucceeded() { return true; }
        @Override public int getLastRunFailedServers() { return 0; }
        @Override public long getLastRunDurationMillis() { return 1234; }
        @Override public String getLastRunEndTime() { return "2023-11-14T22:13:20.000Z"; }
        @Override public long getLastRunEndTimeMillis() { return 1_700_000_000_000L; }
        @Override public List<ServerStatus> getServers() { return getStatus().getServers(); }
        @Override public String getLastRunId() { return "7"; }
        @Override public String restart(boolean ripple) { return ripple ? "Run 7 started (ripple)" : "Run 8 started (parallel)"; }
        @Override public String status() { return MESSAGE_NONE; }
        @Override public String statusJson() { return "{\"runId\": null}"; }
        @Override public String preview() { return "nothing to do"; }
        @Override public String cancel() { return "nothing to cancel"; }
        @Override public String events(long afterSequence) { return "[]"; }
    }

    /** The master's ClusterProtocol MBean: records reports. */
    static final class Protocol implements ClusterProtocolMXBean {
        final List<String> reports = new ArrayList<>();

        @Override
        public synchronized void replicaCompleted(String runId, String replica, String outcome, String detail) {
            reports.add(runId + " " + replica + " " + outcome + " " + detail);
        }

        @Override public long runVersion(String runId) { return 12; }
        @Override public boolean confirmTurn(String runId, String replica) { return runId.equals("6"); }
    }
}
