package io.ripple.remote;

/** The Server attributes the master polls during a run, read together. */
public record ServerSnapshot(String name, String state, boolean ready, String bootId, String lastRunId,
                             String lastRunOutcome, String lastRunDetail) {
}
