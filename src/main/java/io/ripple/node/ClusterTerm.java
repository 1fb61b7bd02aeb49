package io.ripple.node;

import io.ripple.config.AtomicFiles;
import io.ripple.config.ConfigException;
import io.ripple.management.ClusterClaim;
import io.ripple.management.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The term of this server's cluster, kept in {@value #FILE} of its data-dir beside the cluster id. A master holds a
 * term (1 at its first start; a promotion makes the next one) and claims it on every call it makes. A replica remembers
 * the highest term it has seen, from its master's calls and answers, and refuses an operation from a master of a lower
 * one: that master was replaced, and must not act on the cluster any more.
 */
final class ClusterTerm {

    private static final Logger log = LoggerFactory.getLogger(ClusterTerm.class);
    private static final Logger audit = LoggerFactory.getLogger(io.ripple.management.Audit.class);
    static final String FILE = "cluster-term";
    static final long FIRST = 1;
    private static final String PREFIX = "term = ";

    private final Path file;
    private final String serverName;
    private final boolean master;
    private volatile long term;

    private ClusterTerm(Path file, String serverName, boolean master, long term) {
        this.file = file;
        this.serverName = serverName;
        this.master = master;
        this.term = term;
    }

    /**
     * Loads the term; a master that has none yet (its first start, or a data-dir of an earlier release) records
     * {@value #FIRST}.
     *
     * @throws ConfigException the file is not a {@code term = N} line, naming it
     */
    static ClusterTerm load(Path dataDir, String serverName, boolean master) throws ConfigException, IOException {
        Path file = dataDir.resolve(FILE);
        long term = read(file);
        ClusterTerm loaded = new ClusterTerm(file, serverName, master, term);
        if (master && term < FIRST) {
            loaded.record(FIRST);
            log.info("Holding term {} (kept in {})", FIRST, file);
        }
        return loaded;
    }

    /** The term kept in a data-dir, without writing anything: 0 when there is none yet. */
    static long stored(Path dataDir) throws ConfigException, IOException {
        return read(dataDir.resolve(FILE));
    }

    private static long read(Path file) throws ConfigException, IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return ClusterClaim.NO_TERM;
        }
        long term = text.startsWith(PREFIX) ? ClusterClaim.parseTerm(text.substring(PREFIX.length()).strip()) : -1;
        if (term < FIRST) {
            throw new ConfigException("Invalid term file " + file + ": expected one line 'term = N' with N a whole number"
                    + " from 1 to 18 digits. Write the highest term of the cluster there ('ripple server info' on any"
                    + " server shows its Term).");
        }
        return term;
    }

    /** The master's own term; on a replica, the highest term it has seen (0 before any). */
    long current() {
        return term;
    }

    /**
     * Learns a term seen from a master; a higher one is recorded durably before this returns.
     *
     * @return true when it was higher than the one known
     */
    synchronized boolean observe(long seen, String from) throws IOException {
        if (seen <= term) {
            return false;
        }
        long before = term;
        record(seen);
        log.info("Term {} seen from '{}' (was {})", seen, SafeText.of(from), before);
        return true;
    }

    /**
     * A replica, on what its master answered with a version: a master of a lower term than this replica has seen is
     * refused (it was replaced by a promotion); a higher one is learned.
     *
     * @throws ConfigException that master's term is lower, naming both; nothing was applied
     */
    void checkMaster(String masterName, long masterTerm) throws ConfigException, IOException {
        if (masterTerm <= ClusterClaim.NO_TERM) {
            return;
        }
        long known = term;
        if (masterTerm < known) {
            String line = "The master '" + masterName + "' holds term " + masterTerm + ", but " + serverName
                    + " has seen term " + known + ": a newer master was promoted. Refused, nothing was applied.";
            audit.warn("{}", SafeText.of(line, io.ripple.management.Audit.MAX_ACTION_CHARS));
            throw new ConfigException(line);
        }
        observe(masterTerm, masterName);
    }

    private void record(long newTerm) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, (PREFIX + newTerm + "\n").getBytes(StandardCharsets.UTF_8));
        term = newTerm;
    }

    /**
     * Judges the term of the caller of an operation: a claim without a term (a replica's, a tool's) passes; an
     * unreadable term, or a term lower than the one known, is refused, with an audit line; a replica learns a higher
     * one. An IllegalStateException, as {@link ClusterIdentity#checkCaller}, so that both channels pass the text on.
     */
    void checkCaller(String operation, Optional<ClusterClaim> claim) {
        if (claim.isEmpty() || claim.get().term() == ClusterClaim.NO_TERM) {
            return;
        }
        ClusterClaim c = claim.get();
        long known = term;
        if (c.term() == ClusterClaim.UNREADABLE_TERM) {
            throw refused(operation, c, "its term is not a number of 1 to 18 digits");
        }
        if (c.term() < known) {
            throw refused(operation, c, serverName + " has seen term " + known + ": a master of a newer term was promoted"
                    + " since. The old master must step down (see docs/FAILOVER.md)");
        }
        if (!master && c.term() > known) {
            try {
                observe(c.term(), c.caller());
            } catch (IOException e) {
                throw new IllegalStateException("Refused " + operation + " from '" + c.caller() + "' of term " + c.term()
                        + ": " + serverName + " cannot record that term in " + file + ": " + e.getMessage());
            }
        }
    }

    private IllegalStateException refused(String operation, ClusterClaim c, String why) {
        String line = "Refused " + operation + " from '" + c.caller() + "' of term "
                + (c.term() == ClusterClaim.UNREADABLE_TERM ? "(unreadable)" : Long.toString(c.term())) + ": " + why + ".";
        audit.warn("{}", SafeText.of(line, io.ripple.management.Audit.MAX_ACTION_CHARS));
        return new IllegalStateException(line);
    }
}
