package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.MemberInfo;
import io.ripple.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterMembersTest {

    private static final List<MemberInfo> THREE = List.of(
            new MemberInfo("master", "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi"),
            new MemberInfo("replica-1", "service:jmx:rmi:///jndi/rmi://127.0.0.1:9011/jmxrmi"),
            new MemberInfo("replica-2", "http://127.0.0.1:8780/jolokia/"));

    @TempDir
    Path dir;

    @Test
    void aReplicaKeepsWhatItsMasterPublishedAcrossRestarts() throws Exception {
        ClusterMembers members = ClusterMembers.load(dir);
        assertThat(members.get()).isEqualTo(ClusterMembers.Record.NONE);

        assertThat(members.keep("master", 1, THREE)).isTrue();
        assertThat(members.keep("master", 1, THREE)).as("unchanged: not written again").isFalse();

        ClusterMembers again = ClusterMembers.load(dir);
        assertThat(again.get()).isEqualTo(new ClusterMembers.Record("master", 1, THREE));
        assertThat(ClusterMembers.lines(again.get().members())).containsExactly(
                "master service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi",
                "replica-1 service:jmx:rmi:///jndi/rmi://127.0.0.1:9011/jmxrmi",
                "replica-2 http://127.0.0.1:8780/jolokia/");
    }

    @Test
    void aMembershipNoMasterPublishesIsRefusedAndTheCopyKept() throws Exception {
        ClusterMembers members = ClusterMembers.load(dir);
        members.keep("master", 1, THREE);
        List<MemberInfo> many = new ArrayList<>();
        for (int i = 0; i <= ClusterMembers.MAX_MEMBERS; i++) {
            many.add(new MemberInfo("r" + i, "http://127.0.0.1:1/jolokia/"));
        }

        assertThatThrownBy(() -> members.keep("master", 1, many)).isInstanceOf(ConfigException.class)
                .hasMessage("The master published 1001 members, more than 1000: membership not kept.");
        assertThatThrownBy(() -> members.keep("master", 1, List.of(new MemberInfo("a", "file:///etc/passwd"))))
                .hasMessage("The master published for member 'a' a URL that is not a JMX service URL or an http(s) URL"
                        + " of at most 1000 characters: membership not kept.");
        assertThatThrownBy(() -> members.keep("master", 1, List.of(new MemberInfo("a", "http://x/"),
                new MemberInfo("a", "http://y/")))).hasMessageContaining("repeated");
        assertThatThrownBy(() -> members.keep("master", 1, List.of(new MemberInfo("a\nb", "http://x/"))))
                .hasMessageContaining("unprintable");
        assertThat(ClusterMembers.load(dir).get().members()).isEqualTo(THREE);
    }

    @Test
    void anUnreadableFileRefusesTheStartNamingIt() throws Exception {
        Files.writeString(dir.resolve(ClusterMembers.FILE), "{not json");

        assertThatThrownBy(() -> ClusterMembers.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid membership file " + dir.resolve(ClusterMembers.FILE))
                .hasMessageEndingWith("Remove it: the next sync brings the master's membership again.");
    }
}
