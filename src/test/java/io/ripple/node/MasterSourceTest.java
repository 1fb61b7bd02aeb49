package io.ripple.node;

import static io.ripple.node.ThreeMemberConfs.MASTER_URL;
import static io.ripple.node.ThreeMemberConfs.MEMBERSHIP;
import static io.ripple.node.ThreeMemberConfs.R1_URL;
import static io.ripple.node.ThreeMemberConfs.R2_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterSourceTest {

    @TempDir
    Path dir;

    private NodeSettings replica(String name) throws ConfigException {
        return ThreeMemberConfs.replica(dir, name);
    }

    private NodeSettings master() throws ConfigException {
        return ThreeMemberConfs.master(dir);
    }

    private void members() throws Exception {
        ClusterMembers.load(dir.resolve("data")).keep("master", 1, MEMBERSHIP);
    }

    /** The data-dir as a start finds it: the highest term seen, and the master record of a promotion. */
    private void seen(long term, MasterRecord record) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data").resolve(ClusterTerm.FILE), "term = " + term + "\n");
        record.write(dir.resolve("data"));
    }

    /** The start goes by server.conf as it is. */
    private static void assertServerConfApplies(NodeSettings conf) throws Exception {
        MasterSource source = MasterSource.atStart(conf);

        assertThat(source.settings()).isEqualTo(conf);
        assertThat(source.description()).isEqualTo("server.conf");
    }

    @Test
    void withoutARecordServerConfApplies() throws Exception {
        assertServerConfApplies(replica("replica-1"));
    }

    @Test
    void aRecordNamingThisServerMakesItTheMasterOfEveryOtherMember() throws Exception {
        members();
        seen(2, new MasterRecord("replica-1", R1_URL, 2));

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
        seen(2, new MasterRecord("replica-1", R1_URL, 2));

        NodeSettings s = MasterSource.atStart(replica("replica-2")).settings();

        assertThat(s.master()).isFalse();
        assertThat(s.masterName()).isEqualTo("replica-1");
        assertThat(s.masterUrl()).isEqualTo(R1_URL);
    }

    @Test
    void anOldMasterFollowsARecordOfTheNewOne() throws Exception {
        seen(2, new MasterRecord("replica-1", R1_URL, 2));

        NodeSettings s = MasterSource.atStart(master()).settings();

        assertThat(s.master()).isFalse();
        assertThat(s.role()).isEqualTo("replica");
        assertThat(s.masterName()).isEqualTo("replica-1");
        assertThat(s.masterUrl()).isEqualTo(R1_URL);
        assertThat(s.replicas()).isEmpty();
    }

    @Test
    void aMasterWithoutAMembershipCopyKeepsItsReplicaLines() throws Exception {
        seen(3, new MasterRecord("master", MASTER_URL, 3));

        NodeSettings s = MasterSource.atStart(master()).settings();

        assertThat(s.master()).isTrue();
        assertThat(s.replicas()).extracting(NodeSettings.ReplicaAddress::name).containsExactly("replica-1", "replica-2");
    }

    @Test
    void aRecordOfATermBelowTheOneSeenIsIgnored() throws Exception {
        seen(3, new MasterRecord("replica-1", R1_URL, 2));

        assertServerConfApplies(replica("replica-2"));
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
