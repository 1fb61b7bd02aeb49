package io.ripple.node;

import io.ripple.MemberInfo;
import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import java.nio.file.Path;
import java.util.List;

/**
 * The server.conf of each member of one cluster (master, replica-1, replica-2; the transports mixed), for the tests of
 * what a start reads and writes. Each writes its data-dir to {@code dir/data}.
 */
final class ThreeMemberConfs {

    static final String MASTER_URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9001/jmxrmi";
    static final String R1_URL = "http://127.0.0.1:9102/jolokia/";
    static final String R2_URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9201/jmxrmi";
    static final List<MemberInfo> MEMBERSHIP = List.of(new MemberInfo("master", MASTER_URL),
            new MemberInfo("replica-1", R1_URL), new MemberInfo("replica-2", R2_URL));

    private ThreeMemberConfs() {
    }

    /** The master's, naming both replicas. */
    static NodeSettings master(Path dir) throws ConfigException {
        return NodeSettings.from(dir.resolve("server.conf"), StanzaFile.parse("[server]\nname = master\ndata-dir = data\n"
                + "[cluster]\nis-master = yes\nreplica = replica-1 " + R1_URL + "\nreplica = replica-2 " + R2_URL + "\n",
                "server.conf"));
    }

    /** Replica {@code name}'s, naming the master. */
    static NodeSettings replica(Path dir, String name) throws ConfigException {
        return NodeSettings.from(dir.resolve("server.conf"), StanzaFile.parse("[server]\nname = " + name + "\ndata-dir = data\n"
                + "[cluster]\nis-master = no\nmaster-name = master\nmaster-url = " + MASTER_URL + "\n", "server.conf"));
    }
}
