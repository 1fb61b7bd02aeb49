package io.ripple.cluster;

/** What the coordinator needs of the master it runs on: its configuration and its own restart (step 7). */
public interface MasterSide {

    String name();

    /** The cluster's id, which every replica must answer with (or none yet); empty when the cluster has none. */
    default String clusterId() {
        return "";
    }

    /**
     * Checks the configuration on the master's disk before a run publishes it: the stanza file parses, the replicated
     * files exist, and the hosted server's own validator accepts it. Changes nothing.
     *
     * @throws Exception the configuration is rejected; the message says why, in one line
     */
    void validate() throws Exception;

    /** Publishes what is on the master's disk when it changed; returns the latest published version. */
    long refresh() throws Exception;

    /** As {@link #refresh()}, recording who a new version is published for (the run's requester). */
    default long refresh(String publishedBy) throws Exception {
        return refresh();
    }

    /** The latest published version, without publishing anything. */
    long refreshlessVersion();

    /** The digest of a published version. */
    String digest(long version) throws Exception;

    /** The digest the master's disk has now, without publishing it. */
    String diskDigest() throws Exception;

    /** The version the master's own running server was started with. */
    long appliedVersion();

    /**
     * Puts an earlier published version's content back on the master's disk (keeping its own excluded entries and a
     * backup of what it replaces) and publishes it as a new version; returns that new version.
     */
    long restore(long version, String requestedBy) throws Exception;

    /** The published versions the master keeps, oldest first. */
    java.util.List<io.ripple.config.PublishedVersion> history() throws Exception;

    /**
     * The run's version as a replica's turn request carries it, with the small files it changed inline; empty when
     * this master cannot say (a replica then reads the version itself, as before).
     */
    default java.util.Optional<TurnRequest.Offer> turnOffer(long version) throws Exception {
        return java.util.Optional.empty();
    }

    /** Restarts the master's hosted server with what is on its disk (step 7); returns when it is up again. */
    void restart(long version, String reason) throws Exception;
}
