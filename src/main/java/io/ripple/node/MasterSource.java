package io.ripple.node;

import io.ripple.config.ConfigException;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a server's master comes from: server.conf's {@code [cluster]}, or the {@link MasterRecord} a promotion left in
 * its data-dir. A record of a term at least the one in {@link ClusterTerm#FILE} wins; an older one is left alone (a
 * newer term was seen since it was written, and that term's master writes the next one).
 *
 * @param settings    the settings the server runs with
 * @param description {@value #SERVER_CONF}, or {@code data-dir/cluster-master (term N)}: the {@code MasterSource}
 *                    attribute
 * @param recordTerm  the record's term; 0 for server.conf
 */
record MasterSource(NodeSettings settings, String description, long recordTerm) {

    private static final Logger log = LoggerFactory.getLogger(MasterSource.class);
    static final String SERVER_CONF = "server.conf";

    /** What server.conf says, with nothing overriding it. */
    static MasterSource serverConf(NodeSettings fromConf) {
        return new MasterSource(fromConf, SERVER_CONF, 0);
    }

    /** The record's master, for a server whose server.conf said {@code fromConf}. */
    static MasterSource record(NodeSettings fromConf, MasterRecord record) throws ConfigException {
        return new MasterSource(fromConf.following(record, ClusterMembers.load(fromConf.dataDir()).get().members()),
                describe(record), record.term());
    }

    /**
     * At a start: the settings from server.conf, or those of the master record when it holds a term at least the one
     * this server has seen; logs one line when the record applies.
     *
     * @throws ConfigException an unreadable record, term or membership file, naming it and the fix
     */
    static MasterSource atStart(NodeSettings fromConf) throws ConfigException, IOException {
        Optional<MasterRecord> found = MasterRecord.read(fromConf.dataDir());
        if (found.isEmpty()) {
            return serverConf(fromConf);
        }
        MasterRecord record = found.get();
        long seen = ClusterTerm.stored(fromConf.dataDir());
        if (record.term() < seen) {
            log.warn(MessageId.MASTER_RECORD_STALE.line("data-dir/{} (term {}) is older than term {} in data-dir/{}:"
                    + " ignored, server.conf's [cluster] applies"), MasterRecord.FILE, record.term(), seen, ClusterTerm.FILE);
            return serverConf(fromConf);
        }
        MasterSource source = record(fromConf, record);
        log.info(MessageId.MASTER_RECORD_OVERRIDES.line("server.conf names master '{}'; data-dir/{} (term {}) overrides it: {}"),
                fromConf.master() ? fromConf.name() : fromConf.masterName(), MasterRecord.FILE, record.term(),
                "master '" + record.master() + "' at " + record.url() + (record.names(fromConf.name()) ? " (this server)" : ""));
        return source;
    }

    static String describe(MasterRecord record) {
        return "data-dir/" + MasterRecord.FILE + " (term " + record.term() + ")";
    }
}
