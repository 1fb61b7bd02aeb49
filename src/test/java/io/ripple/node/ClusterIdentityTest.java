package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterIdentityTest {

    @TempDir
    Path dir;

    private StanzaFile conf(String cluster, boolean master) throws ConfigException {
        String role = master ? "is-master = yes\n" : "is-master = no\nmaster-name = master\nmaster-url = http://127.0.0.1:1/jolokia/\n";
        return StanzaFile.parse("[server]\nname = " + (master ? "master" : "replica-1") + "\n[cluster]\n" + role + cluster,
                "server.conf");
    }

    private ClusterIdentity load(String cluster, boolean master) throws Exception {
        StanzaFile conf = conf(cluster, master);
        return ClusterIdentity.load(NodeSettings.from(dir.resolve("server.conf"), conf), conf);
    }

    @Nested
    class OnAMaster {

        @Test
        void aMasterMakesAnIdAtItsFirstStartAndKeepsIt() throws Exception {
            String id = load("", true).clusterId();

            assertThat(id).matches("[0-9a-f-]{36}");
            assertThat(Files.readString(dir.resolve("data").resolve(ClusterIdentity.ID_FILE)).strip()).isEqualTo(id);
            assertThat(load("", true).clusterId()).isEqualTo(id);
        }

        @Test
        void aConfiguredIdWins() throws Exception {
            assertThat(load("cluster-id = prod-eu.1\n", true).clusterId()).isEqualTo("prod-eu.1");
            assertThat(dir.resolve("data").resolve(ClusterIdentity.ID_FILE)).doesNotExist();
        }

        @ParameterizedTest
        @ValueSource(strings = {"two words", "a/b", "0123456789012345678901234567890123456789012345678901234567890123456789"})
        void anInvalidConfiguredIdIsRefusedWithItsLine(String value) {
            assertThatThrownBy(() -> NodeSettings.from(dir.resolve("server.conf"), conf("cluster-id = " + value + "\n", true)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Invalid cluster-id '" + value + "' at server.conf:5. Must be 1 to 64 letters, digits, '.', '_' or '-'.");
        }

        @Test
        void aPromotedReplicaKeepsTheClusterIdItPinned() throws Exception {
            ClusterIdentity replica = load("", false);
            replica.pinIfFirst("master", "c-1");

            assertThat(load("", true).clusterId()).as("the same data-dir as a master").isEqualTo("c-1");
            assertThat(Files.readString(dir.resolve("data").resolve(ClusterIdentity.ID_FILE)).strip()).isEqualTo("c-1");
        }

        @Test
        void aMasterHasNoPinToReset() throws Exception {
            ClusterIdentity master = load("cluster-id = a\n", true);
            assertThatThrownBy(master::resetPin).isInstanceOf(IllegalStateException.class)
                    .hasMessage("master is the master: it has no pin to reset (its cluster id is a).");
        }
    }

    @Nested
    class OnAReplica {

        @Test
        void followingANewMasterRepinsItsNameWithTheSameClusterId() throws Exception {
            ClusterIdentity replica = load("", false);
            replica.pinIfFirst("master", "c-1");

            replica.followMaster("replica-2");

            assertThat(load("", false).pin()).contains(new ClusterIdentity.Pin("replica-2", "c-1"));
            replica.checkMaster("URL", "replica-2", "c-1");
            assertThatThrownBy(() -> replica.checkMaster("URL", "master", "c-1")).isInstanceOf(ConfigException.class);
        }

        @Test
        void aFreshReplicaTakesAnyMasterAndPinsTheFirst() throws Exception {
            ClusterIdentity replica = load("", false);
            assertThat(replica.clusterId()).isEmpty();
            replica.checkMaster("URL", "master", "a");

            assertThat(replica.pinIfFirst("master", "a")).isTrue();
            assertThat(replica.pinIfFirst("master", "b")).as("only the first").isFalse();

            assertThat(replica.clusterId()).isEqualTo("a");
            assertThat(load("", false).pin()).as("kept across restarts").contains(new ClusterIdentity.Pin("master", "a"));
        }

        @Test
        void aPinnedReplicaRefusesAnotherClusterOrMasterUntilReset() throws Exception {
            ClusterIdentity replica = load("", false);
            replica.pinIfFirst("master", "a");

            assertThatThrownBy(() -> replica.checkMaster("http://h:1/jolokia/", "master", "b"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("RPL4011E The server at http://h:1/jolokia/ is the master 'master' of cluster b, but this replica is"
                            + " pinned to cluster a (master 'master'): refused, nothing was applied. To move this replica to"
                            + " that cluster on purpose: ripple server reset-pin.");
            assertThatThrownBy(() -> replica.checkMaster("URL", "master-2", "a")).hasMessageContaining("pinned to cluster a");
            assertThat(replica.historyStartsAgain()).isFalse();

            assertThat(replica.resetPin()).startsWith("Pin reset on replica-1 (was master 'master' of cluster a)");

            assertThat(replica.clusterId()).isEmpty();
            assertThat(replica.historyStartsAgain()).isTrue();
            replica.checkMaster("URL", "master", "b");
            replica.pinIfFirst("master", "b");
            assertThat(replica.clusterId()).isEqualTo("b");
            assertThat(replica.historyStartsAgain()).isFalse();
        }

        @Test
        void aReplicaWithAConfiguredIdTakesOnlyThatCluster() throws Exception {
            ClusterIdentity replica = load("cluster-id = a\n", false);
            assertThat(replica.clusterId()).isEqualTo("a");
            assertThatThrownBy(() -> replica.checkMaster("URL", "master", "b"))
                    .hasMessage("RPL4011E The server at URL is the master 'master' of cluster b, not of cluster a ([cluster] cluster-id):"
                            + " refused, nothing was applied.");
        }

        @Test
        void anUnreadablePinFileIsNamed() throws Exception {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("data").resolve(ClusterIdentity.PIN_FILE), "junk\n");
            assertThatThrownBy(() -> load("", false)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Invalid pin file").hasMessageContaining(ClusterIdentity.PIN_FILE);
        }
    }
}
