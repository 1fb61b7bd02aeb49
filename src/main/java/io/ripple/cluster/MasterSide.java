package io.ripple.cluster;

/** What the coordinator needs of the master it runs on: its configuration and its own restart (step 7). */
public interface MasterSide {

    String name();

    /**
     * Checks the configuration on the master's disk before a run publishes it: the stanza file parses, the replicated
     * files exist, and the hosted server's own validator accepts it. Changes nothing.
     *
     * @throws Exception the configuration is rejected; the message says why, in one line
     */
    void validate() throws Exception;

    /** Publishes what is on the master's disk when it changed; returns the latest published version. */
    long refresh() throws Exception;

    /** The latest published version, without publishing anything. */
    long refreshlessVersion();

    /** The digest of a published version. */
    String digest(long version) throws Exception;

    /** The digest the master's disk has now, without publishing it. */
    String diskDigest() throws Exception;

    /** The version the master's own running server was started with. */
    long appliedVersion();

    /** Restarts the master's hosted server with what is on its disk (step 7); returns when it is up again. */
    void restart(long version, String reason) throws Exception;
}
