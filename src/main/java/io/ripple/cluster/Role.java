package io.ripple.cluster;

/**
 * A server's part in a run: a replica the master asks, or the master itself, which restarts last. The run's rows, its
 * journal and the {@code Status} attribute carry it as {@link #text()}.
 */
public enum Role {
    REPLICA("replica"),
    MASTER("master");

    private final String text;

    Role(String text) {
        this.text = text;
    }

    /** As rows, the journal and the MBeans spell it: {@code replica} or {@code master}. */
    public String text() {
        return text;
    }

    /** Whether a row's role, as it is spelled, is this one. */
    public boolean is(String role) {
        return text.equals(role);
    }
}
