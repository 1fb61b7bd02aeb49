package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.MemberInfo;
import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterSourceTest {

    private static final String MASTER_URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9001/jmxrmi";
    private static final String R1_URL = "http://127.0.0.1:9102/jolokia/";
    private static final String R2_URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9201/jmxrmi";

    @TempDir
    Path dir;

    private NodeSettings replica(String name) throws ConfigException {
        return NodeSettings.from(dir.resolve("server.conf"), StanzaFile.parse("[server]\nname = " + name + "\ndata-dir = data\n"
                + "[cluster]\nis-master = no\nmaster-name = master\nmaster-url = " + MASTER_URL + "\n", "server.conf"));
    }

    private NodeSettings master() throws ConfigException {
        return NodeSettings.from(dir.resolve("server.conf"), StanzaFile.parse("[server]\nname = master\ndata-dir = data\n"
                + "[cluster]\nis-master = yes\nreplica = replica-1 " + R1_URL + "\nreplica = replica-2 " + R2_URL + "\n",
                "server.conf"));
    }

    private void members() throws Exception {
        ClusterMembers.load(dir.resolve("data")).keep("master", 1, List.of(new MemberInfo("master", MASTER_URL),
                new MemberInfo("replica-1", R1_URL), new MemberInfo("replica-2", R2_URL)));
    }

    private void term(long n) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data").resolve(ClusterTerm.FILE), "term = " + n + "\n");
    }

    @Test
    void withoutARecordServerConfApplies() throws Exception {
        NodeSettings conf = replica("replica-1");

        MasterSource source = MasterSource.atStart(conf);

        assertThat(source.settings()).isEqualTo(conf);
        assertThat(source.description()).isEqualTo("server.conf");
    }

    @Test
    void aRecordNamingThisServerMakesItTheMasterOfEveryOtherMember() throws Exception {
        members();
        term(2);
        new MasterRecord("replica-1", R1_URL, 2).write(dir.resolve("data"));

        MasterSource source = MasterSource.atStart(replica("replica-1"));

        assertThat(source.description()).isEqualTo("data-dir/cluster-master (term 2)");
        NodeSettings s = source.settings();
        assertThat(s.master()).isTrue();
        assertThat(s.masterName()).isEmpty();
        assertThat(s.replicas()).containsExactly(new NodeSettings.ReplicaAddress("master", MASTER_URL),
                new NodeSettings.ReplicaAddress("replica-2", R2_URL));
        assertThat(s.name()).isEqualTo("replica-1");
        assertThat(s.dataDir()).isEqualTo(dir.resolve("data"));
    }

    @Test
    void aRecordNamingAnotherServerMakesThisOneItsReplica() throws Exception {
        members();
        term(2);
        new MasterRecord("replica-1", R1_URL, 2).write(dir.resolve("data"));

        NodeSettings s = MasterSource.atStart(replica("replica-2")).settings();

        assertThat(s.master()).isFalse();
        assertThat(s.masterName()).isEqualTo("replica-1");
        assertThat(s.masterUrl()).isEqualTo(R1_URL);
    }

    @Test
    void anOldMasterFollowsARecordOfTheNewOne() throws Exception {
        term(2);
        new MasterRecord("replica-1", R1_URL, 2).write(dir.resolve("data"));

        NodeSettings s = MasterSource.atStart(master()).settings();

        assertThat(s.master()).isFalse();
        assertThat(s.role()).isEqualTo("replica");
        assertThat(s.masterName()).isEqualTo("replica-1");
        assertThat(s.masterUrl()).isEqualTo(R1_URL);
        assertThat(s.replicas()).isEmpty();
    }

    @Test
    void aMasterWithoutAMembershipCopyKeepsItsReplicaLines() throws Exception {
        term(3);
        new MasterRecord("master", MASTER_URL, 3).write(dir.resolve("data"));

        NodeSettings s = MasterSource.atStart(master()).settings();

        assertThat(s.master()).isTrue();
        assertThat(s.replicas()).extracting(NodeSettings.ReplicaAddress::name).containsExactly("replica-1", "replica-2");
    }

    @Test
    void aRecordOfATermBelowTheOneSeenIsIgnored() throws Exception {
        term(3);
        new MasterRecord("replica-1", R1_URL, 2).write(dir.resolve("data"));
        NodeSettings conf = replica("replica-2");

        MasterSource source = MasterSource.atStart(conf);

        assertThat(source.settings()).isEqualTo(conf);
        assertThat(source.description()).isEqualTo("server.conf");
    }

    @Test
    void aRecordWithoutATermFileApplies() throws Exception {
        new MasterRecord("replica-1", R1_URL, 2).write(dir.resolve("data"));

        assertThat(MasterSource.atStart(replica("replica-2")).settings().masterName()).isEqualTo("replica-1");
    }

    @Test
    void anUnreadableRecordRefusesTheStart() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data").resolve(MasterRecord.FILE), "master = x\n");

        assertThatThrownBy(() -> MasterSource.atStart(replica("replica-2")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid master record ");
    }
}
