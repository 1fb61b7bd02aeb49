package io.ripple.util;

import java.util.Arrays;
import java.util.Optional;

/**
 * Ripple's stable message IDs, the ones a runbook greps: {@code RPL} + four digits + severity letter, for example
 * {@code RPL3002I}. The thousands name the area: 1 node start-up and restarts, 2 configuration and sync, 3 cluster
 * runs, 4 security and management, 5 the command line ({@code bin/ripple}), 6 the agent and the hosted server.
 *
 * <p>An ID is never renumbered nor reused: a message that goes away stays here, marked retired in its meaning, so
 * that its number stays reserved. docs/MESSAGES.md lists every entry; {@code MessageCatalogTest} keeps the two equal.
 */
public enum MessageId {

    // 1xxx: node start-up, restarts and shutdown
    NODE_STARTING(1001, Severity.I, "Starting ROLE NAME from CONF",
            "A server begins its start from its server.conf.",
            "Nothing; a start that never reaches RPL1002I is followed by RPL1003E, RPL1004E or RPL1005E."),
    NODE_STARTED(1002, Severity.I, "Start completed (configuration version V, boot id B)",
            "The hosted server started and serves configuration version V.",
            "Nothing."),
    START_BAD_CONFIGURATION(1003, Severity.E, "server.conf or an endpoint setting cannot be used (file:line and the fix)",
            "Nothing was started: bin/ripple-node exits 2.",
            "Correct the file, key or line the message names, then start again."),
    HOST_START_FAILED(1004, Severity.E, "The hosted server failed to start: REASON",
            "The hosted server did not start, stopped on its own, or its process did not exit for a restart: the server is"
                    + " FAILED (at start, bin/ripple-node exits 1).",
            "Read REASON and the hosted server's own log; fix it and start again."),
    START_FATAL(1005, Severity.E, "Fatal error while starting CONF: ERROR",
            "An unexpected error stopped the start (bin/ripple-node exits 1).",
            "Report it with the log; start again once the cause is known."),
    SHUTDOWN_INITIATED(1006, Severity.I, "Shutdown initiated",
            "The server is stopping (SIGTERM, Ctrl-C or close()).",
            "Nothing."),
    SHUTDOWN_COMPLETED(1007, Severity.I, "Shutdown completed",
            "The server stopped.",
            "Nothing."),
    RESTARTING(1008, Severity.I, "Restarting: REASON",
            "The hosted server restarts, for the reason given (a run, an operator, a revert).",
            "Nothing; the restart ends with RPL1002I or RPL1009E."),
    RESTART_FAILED(1009, Severity.E, "Restart failed: REASON",
            "A restart of the hosted server failed; the server is FAILED until it is restarted.",
            "Read REASON and the hosted server's log; fix it and restart the server (ripple server restart)."),
    RESTART_REFUSED(1010, Severity.E, "Restart refused, NAME keeps running: REASON",
            "The hosted server's configuration check refused the new configuration; the old one keeps serving.",
            "Correct the configuration on the master, then run the cluster restart again."),
    STARTUP_SYNC_FAILED(1011, Severity.W, "Startup sync with master M failed: REASON. Starting on the last-known-good configuration (version V).",
            "A replica could not sync at start and runs its last applied configuration (ConfigSource last-known-good).",
            "Make the master reachable (REASON says why it was not), then run ripple server sync or a cluster restart."),
    VERSION_REVERTED(1012, Severity.W, "Version N did not come up (REASON): reverting to version M",
            "A replica's new version failed to start; the replica goes back to the version before it.",
            "Fix version N on the master (REASON says what failed); the next run tries it again."),
    REVERT_FAILED(1013, Severity.E, "Reverting to version M failed too: REASON",
            "Neither the new nor the previous version started on this server.",
            "Restore the server by hand from its backups in data-dir, then restart it."),
    MASTER_RECORD_OVERRIDES(1014, Severity.I, "server.conf names master 'M'; data-dir/cluster-master (term N) overrides it: master 'X' at URL",
            "A promotion made X the cluster's master (issue #21): this server follows the durable master record, not the"
                    + " [cluster] is-master, master-name and master-url of its server.conf.",
            "Nothing; edit server.conf's [cluster] to match when convenient (Server.MasterSource shows where the master came from)."),
    ROLE_CHANGED(1015, Severity.I, "NAME is now ROLE (REASON): management side re-opened, hosted server kept (boot id B)",
            "A promotion changed this server's role without restarting its hosted server.",
            "Nothing."),
    MASTER_RECORD_STALE(1016, Severity.W, "data-dir/cluster-master (term N) is older than term T in data-dir/cluster-term: ignored, server.conf's [cluster] applies",
            "The master record was written before a newer term was seen; it no longer names the cluster's master.",
            "Nothing; the master of the newer term rewrites the record at its next promotion or run. Remove the file to silence this."),
    STEPPED_DOWN(1017, Severity.W, "Stepped down: M holds term N (told by MEMBERS), above this master's term T. Starting as its replica at URL, without publishing or running anything",
            "A master that started found, by asking its members, that a replica was promoted while it was away (issue #21):"
                    + " it wrote data-dir/cluster-master for the new master and runs as its replica (Server.MasterSource says"
                    + " 'stepped down'; ripple check warns).",
            "Nothing for the cluster; point monitoring and runs at M, and edit this server's [cluster] when convenient."),
    MASTER_FOUND_AT_START(1018, Severity.W, "Following master 'M' of term N at URL (told by MEMBERS at start): was master 'OLD' of term T",
            "A replica that started found, by asking its members, that a newer master was promoted while it was down or"
                    + " unreachable: it follows that master from now on (data-dir/cluster-master) and syncs from it.",
            "Nothing."),

    // 2xxx: configuration and sync
    VERSION_PUBLISHED(2001, Severity.I, "Configuration version V published (N files, B bytes, digest D)",
            "The master published a new version of its configuration.",
            "Nothing; run a cluster restart to apply it to the replicas."),
    PUBLISH_REFUSED(2002, Severity.W, "Configuration on NAME's disk (digest D) not published: REASON. Version V stays the published one; ...",
            "The host's validator refused the master's disk; the last published version stays.",
            "Correct the configuration on the master's disk; the next refresh publishes it."),
    SYNCED(2003, Severity.I, "Synced to version V from MASTER: CHANGES (backup in DIR)",
            "A replica applied a new version; the replaced files are in the backup folder.",
            "Nothing."),
    NOT_ENOUGH_SPACE(2004, Severity.E, "Not enough space for version V in DIR: N bytes needed for staging and backups, F free",
            "A sync was refused before it fetched anything: the data-dir's disk is too full, or the configuration folder, on another file system, cannot hold the files it receives (N bytes needed for the files it receives). Nothing changed.",
            "Free space on DIR's file system (or lower keep-backups), then run the sync again."),
    APPLY_UNDONE(2005, Severity.W, "Apply of version V undone: the configuration is as it was",
            "An apply failed halfway and was rolled back; the server keeps its previous configuration.",
            "Read the error logged with the run (RPL3021I or RPL3015E), fix it, and run again."),
    FILE_CORRUPTED(2006, Severity.W, "'PATH' arrived corrupted (SHA-256 X instead of Y), attempt N of M",
            "A file fetched from the master did not match its digest; it is fetched again.",
            "Nothing if a later attempt succeeds; otherwise check the network and the master's disk."),
    INTERRUPTED_APPLY_FINISHED(2007, Severity.W, "Finishing the apply of version V that was interrupted",
            "The server stopped during an apply; the apply is finished at start, so that no half configuration stays.",
            "Nothing; find out why the server stopped."),
    ROLLED_BACK(2008, Severity.I, "Rolled the master's configuration back to version V (REASON); published as version N",
            "A rollback published an earlier version's content as a new version.",
            "Nothing; the rollback run applies it to the replicas."),

    // 3xxx: cluster runs (the status sentences first: ClusterMXBean's StatusMessage)
    STATUS_IN_PROGRESS(3001, Severity.I, "The cluster is in the process of being restarted.",
            "A cluster restart is running.",
            "Wait for it (ripple cluster status --wait), or cancel it (ripple cluster cancel)."),
    STATUS_RESTARTED(3002, Severity.I, "The cluster has been restarted.",
            "The latest run completed: every server restarted or was up to date.",
            "Nothing."),
    STATUS_FAILED(3003, Severity.E, "The cluster restart failed. SERVER: REASON; ...",
            "The latest run ended with servers that failed or timed out (named after the sentence).",
            "Read each named server's reason (ripple cluster status), fix it, and run the cluster restart again."),
    STATUS_NONE(3004, Severity.I, "No cluster restart has been requested.",
            "No run since the master's data-dir was created.",
            "Nothing."),
    STATUS_CANCELLED(3005, Severity.W, "The cluster restart was cancelled.",
            "Someone cancelled the latest run; servers not yet asked were not restarted.",
            "Run the cluster restart again when wanted."),
    STATUS_INTERRUPTED(3006, Severity.W, "The cluster restart was interrupted: the master stopped during run N.",
            "The master stopped while a run was in progress; that run will not go on.",
            "Check the servers (ripple cluster preview) and run the cluster restart again."),
    STATUS_REVERTED(3007, Severity.E, "The cluster restart failed. SERVER: REASON; ... Reverted to version V.",
            "The latest run failed and brought the replicas it moved back to the version before it (auto-revert).",
            "Fix the failure the sentence names, then run the cluster restart again."),
    RUN_STARTED(3010, Severity.I, "Run N: started (MODE, version V, requested by WHO)",
            "The master started a cluster restart.",
            "Nothing."),
    RUN_SERVER_STATE(3011, Severity.I, "Run N: SERVER STATE (DETAIL)",
            "One server's state in a run changed (REQUESTED, SYNCING, RESTARTED, FAILED, TIMED_OUT, ...).",
            "Nothing, unless STATE is FAILED or TIMED_OUT: then read DETAIL."),
    RUN_ENDED(3012, Severity.I, "Run N: STATE - STATUS_ID SENTENCE",
            "A run ended; the status sentence after it carries its own ID (RPL3002I, RPL3003E, ...).",
            "As the status sentence's ID says."),
    RUN_REFUSED(3013, Severity.W, "Cluster restart refused: REASON",
            "A cluster restart was refused (one already in progress, a rejected configuration, ...). Nothing started.",
            "Read REASON: wait for the run in progress, or fix the configuration, then ask again."),
    RUN_REQUEST_TOO_LATE(3014, Severity.W, "Run N refused: its request arrived T ms after the master's deadline",
            "A replica refused a request that came after the run's deadline; nothing from an ended run acts.",
            "Check the network delay and the clocks between master and replica; raise max-wait-time if needed."),
    RUN_FAILED_ON_SERVER(3015, Severity.E, "Run N failed unexpectedly on NAME: ERROR",
            "A replica's part of a run failed with an unexpected error.",
            "Report it with the log; run the cluster restart again."),
    REPORT_FAILED(3016, Severity.W, "Could not report run N to master M: REASON",
            "A replica finished its part but could not tell the master; it tries again, and the master reads its state.",
            "Check that the master is reachable from the replica."),
    RUN_JOURNAL_FAILED(3017, Severity.E, "Cannot write the run journal: REASON",
            "The master cannot record a run's progress; the status may not survive its restart.",
            "Check the master's data-dir: space, permissions."),
    REPLICA_DID_NOT_ANSWER(3018, Severity.W, "Run N: REPLICA did not answer within S s after the master's start: REASON",
            "After the master's restart, a replica of an interrupted run did not say how its part ended.",
            "Check that replica (ripple --conf ITS-CONF server info)."),
    RUN_REVERTING(3019, Severity.W, "Run N: reverting SERVERS to version V",
            "A run failed with auto-revert: the replicas it moved go back to the version before it.",
            "Fix what failed; the run ends with RPL3007E."),
    RUN_NOT_FINISHED(3020, Severity.E, "Run N could not be finished: ERROR",
            "The master could not record the end of a run.",
            "Report it with the log; check the master's data-dir."),
    REPLICA_RUN_OUTCOME(3021, Severity.I, "Run N: OUTCOME (DETAIL)",
            "A replica's part of a run ended: RESTARTED, UP_TO_DATE or FAILED (DETAIL says why).",
            "Nothing, unless OUTCOME is FAILED: then read DETAIL."),

    // 4xxx: security and management
    AUDIT_REQUEST(4001, Severity.I, "ACTION requested by USER (CHANNEL ADDRESS)",
            "A state-changing operation was asked for, and by whom (audit).",
            "Nothing; route the logger io.ripple.management.Audit to its own file to keep an audit trail."),
    JMX_LOGIN_REFUSED(4002, Severity.W, "JMX connection refused for user 'USER': wrong user or password",
            "A JMX login failed.",
            "If it was not a typing error, find who tries to log in; check the password file."),
    JOLOKIA_LOGIN_REFUSED(4003, Severity.W, "Jolokia request refused for user 'USER': wrong user or password",
            "A Jolokia login (Basic) failed.",
            "If it was not a typing error, find who tries to log in; check the password file."),
    SIGNED_REQUEST_REFUSED(4004, Severity.W, "Jolokia request from ADDRESS refused: REASON",
            "A signed request between servers was refused (wrong signature, replayed, of another cluster, too large).",
            "Check that both servers share the cluster's credentials and cluster id; an unknown ADDRESS may be an attack."),
    ACCESS_ENTRY_IGNORED(4005, Severity.W, "Access file F: 'ENTRY' is ignored: no remote caller may create or unregister MBeans.",
            "A create or unregister right in the access file is never granted.",
            "Remove the entry from the access file."),
    JOLOKIA_BUSY(4006, Severity.W, "Jolokia on port P: all N request threads busy and M requests waiting; refused a request",
            "The Jolokia agent refused a request because it is overloaded.",
            "Find the client sending many or slow requests; retry later."),
    PEER_NOT_PROVED(4010, Severity.E, "The server at URL did not prove it is ROLE of this cluster (REASON); no credentials were sent",
            "A server refused to send its credentials to a peer that did not prove it holds the cluster's secret.",
            "Check the URL in server.conf and that both servers use the same cluster credentials."),
    PEER_MISMATCH(4011, Severity.E, "The server at URL is ROLE 'NAME' of cluster C, not ...: refused, nothing was applied",
            "The server at a configured URL is not the server, or not of the cluster, this server expects.",
            "Correct the URL or the cluster id in server.conf; to move a replica on purpose: ripple server reset-pin."),
    CALLER_OF_OTHER_CLUSTER(4012, Severity.E, "Refused OPERATION from 'CALLER' of cluster C: NAME belongs to cluster D.",
            "A call from a server of another cluster was refused.",
            "Find the server that calls from the other cluster and correct its server.conf."),
    CLUSTER_PINNED(4013, Severity.I, "Pinned master 'M' of cluster C",
            "A replica recorded the master and cluster it belongs to; it refuses any other from now on.",
            "Nothing."),
    CLUSTER_PIN_RESET(4014, Severity.W, "Cluster pin reset (was PIN): the next sync pins the master at URL",
            "An operator reset a replica's pin; the next master it syncs from is trusted.",
            "Make sure the master at URL is the one wanted before the next sync."),

    PROMOTED(4015, Severity.W, "NAME promoted to master of term N: told M1, M2; not reached: M3 (WHY)",
            "A replica became the cluster's master (ripple server promote); the members told follow it now, the others"
                    + " learn it at their next start or at its next run.",
            "Check the members not reached; start the cluster's runs from the new master from now on."),
    PROMOTE_REFUSED(4016, Severity.E, "Promotion of NAME refused: REASON",
            "ripple server promote did not change anything: the server is the master, or stale, or has drifted files.",
            "Do what REASON says: sync the replica first, or promote with --force when its master is lost for good."),
    NEW_MASTER_FOLLOWED(4017, Severity.W, "Following master 'M' of term N at URL (told by it): was master 'OLD'",
            "The cluster's new master told this server of its promotion; this server re-pointed to it without restarting"
                    + " its hosted server, and keeps it across restarts (data-dir/cluster-master).",
            "Nothing."),
    NEW_MASTER_REFUSED(4018, Severity.E, "Refused newMaster from 'C' of term N: REASON",
            "A server claimed to be the cluster's new master and was not believed (lower term, another cluster, not the"
                    + " server it names); nothing changed.",
            "Find out who made the call (the audit log names the user and the address)."),
    HIGHER_TERM_STRANGER_REFUSED(4019, Severity.E, "Refused OPERATION from 'C' of term N: 'C' is not a member of the cluster as NAME knows it (data-dir/cluster-members.json); NAME follows master 'M' of term T. Nothing changed.",
            "A replica was called by a server that claims a newer term but is not in its membership (or not of its"
                    + " cluster): it does not follow it, does not record that term, and refuses the operation (issue #21).",
            "Find out who made the call (the audit log names the user and the address); a real new master is a member of"
                    + " the cluster its old master published."),

    // 5xxx: the command line (bin/ripple), after "ripple: " on stderr
    CLI_BAD_USAGE(5001, Severity.E, "Unknown command or option, or a missing argument (with a suggestion)",
            "The command line could not be parsed (exit 2).",
            "Correct the command; ripple --help lists the commands and options."),
    CLI_PASSWORD_ON_COMMAND_LINE(5002, Severity.E, "Passwords are never given on the command line: ...",
            "A password was given as an option (exit 2).",
            "Put the password in a file readable by you only and give --password-file FILE."),
    CLI_CONFLICTING_OPTIONS(5003, Severity.E, "Give either A or B, not both.",
            "Two options that exclude each other were given (exit 2).",
            "Keep one of them."),
    CLI_INCOMPLETE_LOGIN(5004, Severity.E, "--user needs --password-file FILE (or the reverse, or RIPPLE_USER without RIPPLE_PASSWORD_FILE)",
            "A login was given by halves (exit 2).",
            "Give both the user and the password file (options or environment)."),
    CLI_NO_CONNECTION(5005, Severity.E, "No connection: give --jmx URL, --jolokia URL or --conf server.conf.",
            "The command needs a server to talk to (exit 2).",
            "Give one of the connection options."),
    CLI_NO_CLUSTER_ACCOUNT(5006, Severity.E, "--as-cluster-account ...: there is no cluster account to act as.",
            "--as-cluster-account needs a server.conf with a [cluster] credentials-file (exit 2).",
            "Give --conf with such a file, or log in as yourself with --user and --password-file."),
    CLI_LOGIN_NEEDED(5007, Severity.E, "'COMMAND' changes state: log in as yourself with --user NAME ...",
            "A state-changing command needs a person's login, so that the audit line names the person (exit 2).",
            "Add --user and --password-file (or RIPPLE_USER and RIPPLE_PASSWORD_FILE), or --as-cluster-account."),
    CLI_INCOMPLETE_TLS(5008, Severity.E, "--truststore needs --truststore-password-file FILE (and the like)",
            "The TLS options were given by halves (exit 2).",
            "Give each store with its password file; a keystore also needs a truststore."),
    CLI_BAD_ADDRESS(5009, Severity.E, "Malformed --jmx or --jolokia address (with the forms accepted)",
            "The address could not be read (exit 2).",
            "Use host:port, service:jmx:rmi:///jndi/rmi://host:port/jmxrmi, or http(s)://host:port/jolokia/."),
    CLI_UNUSABLE_FILE(5010, Severity.E, "Cannot use FILE: REASON (or Cannot read password file FILE, Cannot write FILE)",
            "A file named on the command line cannot be read or written (exit 2).",
            "Check the path and its permissions (password files: readable by the owner only)."),
    CLI_CONF_WITHOUT_ADDRESS(5011, Severity.E, "CONF has no [jmx] or [jolokia] port: there is no address to connect to ...",
            "The server.conf given with --conf opens no management endpoint (exit 2).",
            "Use the server.conf of a server that has one, or give --jmx or --jolokia."),
    CLI_NOT_RIPPLE(5012, Severity.E, "URL is not a Ripple server: REASON",
            "The address answers, but not as a Ripple server (exit 2).",
            "Check the port: it may be another JVM's, or the other channel's."),
    CLI_NOT_MASTER(5013, Severity.E, "URL is not the cluster master: it is ROLE 'NAME' ...",
            "A cluster command was sent to a replica (exit 2).",
            "Send it to the master (the hint names it), or use --conf with the master's server.conf."),
    CLI_CANNOT_CONNECT(5014, Severity.E, "Cannot connect to URL: REASON",
            "The server cannot be reached: refused, unknown host, TLS mismatch, no answer in time (exit 3).",
            "Check that the server runs and the address, port and TLS options; REASON says which."),
    CLI_TIMEOUT(5015, Severity.E, "No answer from URL within T ms",
            "The server took the connection but did not answer in time (exit 3).",
            "Check the server's load and the network; try again."),
    CLI_AUTHENTICATION_FAILED(5016, Severity.E, "Authentication failed at URL for user USER",
            "Wrong user or password (exit 3).",
            "Check the user and the password file."),
    CLI_NOT_ALLOWED(5017, Severity.E, "User USER is not allowed to call OPERATION on MBEAN at URL",
            "The user may not do this (a readonly user asked for a change) (exit 3).",
            "Use a readwrite user, or ask for the right in the access file."),
    CLI_REMOTE_ERROR(5018, Severity.E, "URL: ERROR",
            "The server ran the operation and refused it or failed (for example a restart already in progress) (exit 1).",
            "Read ERROR: it is the server's own sentence."),
    CLI_INVALID_ANSWER(5019, Severity.E, "The server answered with invalid JSON: ERROR",
            "The server's answer could not be read (exit 1).",
            "Check that the address is a Ripple server of the same release."),
    CLI_INTERRUPTED(5020, Severity.W, "Interrupted while following the run.",
            "Following a run was interrupted; the run itself goes on (exit 1).",
            "Follow it again with ripple cluster status --wait."),
    CLI_UNEXPECTED(5021, Severity.E, "Unexpected error: ERROR",
            "An error the command line does not know (exit 1).",
            "Report it with the command line that caused it."),

    // 6xxx: the agent and the hosted server
    AGENT_RUNNING(6001, Severity.I, "Ripple agent running; it logs to DESTINATION",
            "The -javaagent started Ripple inside the host.",
            "Nothing."),
    AGENT_NOT_STARTED(6002, Severity.E, "Ripple did not start: REASON",
            "The -javaagent could not start Ripple; the host runs without it.",
            "Read REASON (a server.conf error names its file and line), fix it, and restart the host."),
    HOST_DRAIN_FAILED(6003, Severity.W, "The hosted server's drain failed: ERROR; waiting out drain-time",
            "The hosted server's drain step failed; Ripple waits out drain-time before the stop.",
            "Check the hosted server's log."),
    HOST_STOP_UNCLEAN(6004, Severity.W, "The hosted server did not stop cleanly: ERROR",
            "The hosted server's stop failed; the restart goes on.",
            "Check the hosted server's log."),
    HOST_STOP_TIMEOUT(6005, Severity.W, "The hosted server's stop() still runs after stop-timeout S s: interrupted",
            "The hosted server's stop took longer than stop-timeout.",
            "Find what the hosted server waits for at stop, or raise stop-timeout."),
    HOST_READY_CHECK_FAILED(6006, Severity.W, "The hosted server's isReady() failed: ERROR; it counts as not Ready",
            "The readiness check threw; the server counts as not Ready.",
            "Check the hosted server's log.");

    /** How grave a message is: the ID's last letter. */
    public enum Severity {
        /** Information: nothing to do. */
        I("info"),
        /** Warning: something to look at. */
        W("warning"),
        /** Error: something failed or was refused. */
        E("error");

        private final String word;

        Severity(String word) {
            this.word = word;
        }

        /** The word in docs/MESSAGES.md. */
        public String word() {
            return word;
        }
    }

    /** Ripple's own prefix: never another product's. */
    public static final String PREFIX = "RPL";

    private final int number;
    private final Severity severity;
    private final String message;
    private final String meaning;
    private final String action;
    /** Made once: String.format on every log line was a measurable part of a run's cost on the master. */
    private final String id;

    MessageId(int number, Severity severity, String message, String meaning, String action) {
        this.number = number;
        this.severity = severity;
        this.message = message;
        this.meaning = meaning;
        this.action = action;
        this.id = PREFIX + fourDigits(number) + severity.name();
    }

    /** As {@code String.format("%04d")}, without the Formatter and locale data its first use loads at start-up. */
    static String fourDigits(int number) {
        String digits = Integer.toString(number);
        return digits.length() >= 4 || number < 0 ? digits : "0000".substring(digits.length()) + digits;
    }

    /** The ID itself, for example {@code RPL3002I}. */
    public String id() {
        return id;
    }

    public int number() {
        return number;
    }

    public Severity severity() {
        return severity;
    }

    /** The message's text, with its variable parts in capitals. */
    public String message() {
        return message;
    }

    /** What the message means. */
    public String meaning() {
        return meaning;
    }

    /** What the operator does about it. */
    public String action() {
        return action;
    }

    /** {@code text} with this ID in front: {@code RPL3013W Cluster restart refused: ...}. */
    public String line(String text) {
        return id() + " " + text;
    }

    /** The ID, so that it reads as itself in a log argument. */
    @Override
    public String toString() {
        return id();
    }

    /** The entry with this ID ({@code RPL3002I}), if there is one. */
    public static Optional<MessageId> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
    }
}
