package io.ripple.cluster;

import io.ripple.ServerStatus;
import java.util.List;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/**
 * The {@code Servers} attribute: a run's rows as open data that JConsole opens as a table and Jolokia serves as an
 * object keyed by server name. Built by hand, not by the MXBean mapping, because the mapping names the row type after
 * the Java class ({@code io.ripple.ServerStatus[3]} is what JConsole showed).
 */
final class ServerTable {

    private static final String[] ITEMS =
            {"name", "role", "state", "requestedAt", "startedAt", "endedAt", "versionBefore", "versionAfter", "detail"};
    private static final String[] DESCRIPTIONS = {"The server's name", "replica or master",
            "PENDING, REQUESTED, CHECKING, SYNCING, RESTARTING, RESTARTED, UP_TO_DATE, FAILED, TIMED_OUT or SKIPPED",
            "When the master asked it, ISO-8601 UTC; empty when not yet", "When it started working, ISO-8601 UTC",
            "When it ended, ISO-8601 UTC", "Its version before the run; -1 when unknown",
            "Its version after the run; -1 when unknown", "The error, or what changed"};
    private static final OpenType<?>[] TYPES = {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
            SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.LONG, SimpleType.LONG, SimpleType.STRING};

    static final CompositeType ROW;
    static final TabularType TABLE;

    static {
        try {
            ROW = new CompositeType("server", "One server's row of the latest cluster restart", ITEMS, DESCRIPTIONS, TYPES);
            TABLE = new TabularType("servers", "The latest cluster restart, one row per server", ROW, new String[] {"name"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ServerTable() {
    }

    static TabularData of(List<ServerStatus> servers) {
        TabularDataSupport table = new TabularDataSupport(TABLE);
        for (ServerStatus s : servers) {
            try {
                table.put(new CompositeDataSupport(ROW, ITEMS, new Object[] {s.getName(), s.getRole(), s.getState(),
                        s.getRequestedAt(), s.getStartedAt(), s.getEndedAt(), s.getVersionBefore(), s.getVersionAfter(),
                        s.getDetail()}));
            } catch (OpenDataException e) {
                throw new IllegalStateException("Cannot show server " + s.getName() + ": " + e.getMessage(), e);
            }
        }
        return table;
    }
}
