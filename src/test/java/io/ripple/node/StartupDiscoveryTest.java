package io.ripple.node;

import static io.ripple.node.MemoryMember.answering;
import static io.ripple.node.ThreeMemberConfs.MASTER_URL;
import static io.ripple.node.ThreeMemberConfs.MEMBERSHIP;
import static io.ripple.node.ThreeMemberConfs.R1_URL;
import static io.ripple.node.ThreeMemberConfs.R2_URL;
import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.MemberInfo;
import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import io.ripple.remote.MemberView;
import io.ripple.remote.RemoteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start does with what its members said: the files it writes, and the role it starts in. */
class StartupDiscoveryTest {

    @TempDir
    Path dir;

    private NodeSettings master() throws ConfigException {
        return ThreeMemberConfs.master(dir);
    }

    private NodeSettings replica2() throws ConfigException {
        return ThreeMemberConfs.replica(dir, "replica-2");
    }

    /** Members that answer as {@code views} says (by URL); any other is down. */
    private static MasterDiscovery members(Map<String, MemberView> views) {
        return new MasterDiscovery(url -> {
            MemberView view = views.get(url);
            if (view == null) {
                throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "refused", null);
            }
            return answering(url, view);
        }, Duration.ofSeconds(2));
    }

    private static MasterSource start(NodeSettings conf, MasterDiscovery discovery) throws Exception {
        return StartupDiscovery.follow(conf, MasterSource.atStart(conf), "c-1", MEMBERSHIP, discovery);
    }

    @Test
    void aMasterThatFindsAHigherTermStepsDownToItsMastersReplica() throws Exception {
        NodeSettings conf = master();
        Path data = conf.dataDir();

        MasterSource source = start(conf, members(Map.of(
                R1_URL, new MemberView("replica-1", "master", "c-1", 2, ""),
                R2_URL, new MemberView("replica-2", "replica", "c-1", 2, "replica-1"))));

        assertThat(source.settings().master()).isFalse();
        assertThat(source.settings().masterName()).isEqualTo("replica-1");
        assertThat(source.settings().masterUrl()).isEqualTo(R1_URL);
        assertThat(source.description()).isEqualTo("data-dir/cluster-master (term 2): stepped down ('replica-1' holds a"
                + " newer term)");
        assertThat(Files.readString(data.resolve("cluster-term"))).isEqualTo("term = 2\n");
        assertThat(Files.readString(data.resolve("cluster-master"))).isEqualTo("master = replica-1\nurl = " + R1_URL
                + "\nterm = 2\n");
        assertThat(Files.readString(data.resolve("cluster-pin"))).isEqualTo("master = replica-1\ncluster-id = c-1\n");
        // a later start keeps it, and still says it stepped down
        assertThat(StartupDiscovery.withStepDown(true, MasterSource.atStart(conf)).description()).contains("stepped down");
    }

    @Test
    void aMasterThatReachesNoMemberStartsAsMasterWritingNothing() throws Exception {
        NodeSettings conf = master();

        MasterSource source = start(conf, members(Map.of()));

        assertThat(source.settings()).isEqualTo(conf);
        assertThat(source.description()).isEqualTo("server.conf");
        assertThat(conf.dataDir().resolve("cluster-master")).doesNotExist();
    }

    @Test
    void aStartThatFollowsNobodyWritesNothingNotEvenAClusterId() throws Exception {
        // a start refused later (an unsafe password file, a port in use) must have written nothing
        NodeSettings conf = NodeSettings.from(dir.resolve("server.conf"), StanzaFile.parse("[server]\nname = master\n"
                + "data-dir = data\n[cluster]\nis-master = yes\nreplica = replica-1 http://127.0.0.1:1/jolokia/\n"
                + "replica = replica-2 service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi\n", "server.conf"));
        Files.writeString(dir.resolve("server.conf"), "[server]\nname = master\n");

        MasterSource source = StartupDiscovery.follow(conf, MasterSource.atStart(conf),
                new io.ripple.remote.RemoteConnector(io.ripple.remote.Credentials.NONE, Duration.ofSeconds(2),
                        Duration.ofSeconds(2)));

        assertThat(source.settings()).isEqualTo(conf);
        assertThat(conf.dataDir()).doesNotExist();
    }

    @Test
    void aMasterWhoseReplicasSayItIsTheMasterStaysTheMaster() throws Exception {
        NodeSettings conf = master();

        MasterSource source = start(conf, members(Map.of(
                R1_URL, new MemberView("replica-1", "replica", "c-1", 1, "master"),
                R2_URL, new MemberView("replica-2", "replica", "c-1", 1, "master"))));

        assertThat(source.settings().master()).isTrue();
        assertThat(conf.dataDir().resolve("cluster-master")).doesNotExist();
    }

    @Test
    void aReplicaThatWasDownFollowsTheNewMaster() throws Exception {
        NodeSettings conf = replica2();
        Files.createDirectories(conf.dataDir());
        Files.writeString(conf.dataDir().resolve("cluster-term"), "term = 1\n");

        MasterSource source = start(conf, members(Map.of(R1_URL, new MemberView("replica-1", "master", "c-1", 2, ""))));

        assertThat(source.settings().masterName()).isEqualTo("replica-1");
        assertThat(source.settings().masterUrl()).isEqualTo(R1_URL);
        assertThat(source.description()).isEqualTo("data-dir/cluster-master (term 2)");
        assertThat(Files.readString(conf.dataDir().resolve("cluster-term"))).isEqualTo("term = 2\n");
    }

    @Test
    void aReplicaWhoseMasterIsTheNewestAlreadyWritesNothing() throws Exception {
        NodeSettings conf = replica2();

        MasterSource source = start(conf, members(Map.of(MASTER_URL, new MemberView("master", "master", "c-1", 1, ""))));

        assertThat(source.settings()).isEqualTo(conf);
        assertThat(conf.dataDir().resolve("cluster-master")).doesNotExist();
        assertThat(conf.dataDir().resolve("cluster-term")).doesNotExist();
    }

    @Test
    void theMembersAskedAreTheMembershipCopyAndWhatServerConfAdds() throws Exception {
        assertThat(StartupDiscovery.membership(master())).containsExactly(new MemberInfo("replica-1", R1_URL),
                new MemberInfo("replica-2", R2_URL));
        assertThat(StartupDiscovery.membership(replica2())).containsExactly(new MemberInfo("master", MASTER_URL));

        NodeSettings conf = replica2();
        ClusterMembers.load(conf.dataDir()).keep("master", 1, List.of(new MemberInfo("master", MASTER_URL),
                new MemberInfo("replica-1", R1_URL)));

        assertThat(StartupDiscovery.membership(conf)).containsExactly(new MemberInfo("master", MASTER_URL),
                new MemberInfo("replica-1", R1_URL));
    }
}
