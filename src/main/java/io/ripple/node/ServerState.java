package io.ripple.node;

/** The lifecycle states the Server MBean reports. */
public enum ServerState {
    STARTING, RUNNING, SYNCING, RESTARTING, STOPPING, FAILED
}
