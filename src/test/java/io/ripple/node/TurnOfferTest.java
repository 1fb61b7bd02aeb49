package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.cluster.TurnRequest;
import io.ripple.config.StanzaFile;
import io.ripple.config.VersionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version a master offers with its turn requests: read once for all the replicas of a run, yet with the term of
 * each turn, and never once it is pruned.
 */
class TurnOfferTest {

    @TempDir
    Path dir;

    private LocalConfiguration configuration;
    private NodeMasterSide master;
    private long term = 1;
    private Path dataDir;

    @BeforeEach
    void start() throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.createDirectories(dir.resolve("junctions"));
        Files.writeString(conf, "[server]\nname = m\n[cluster]\nis-master = yes\n[cfg-db:files]\nfiles = junctions/*.json\n");
        NodeSettings settings = NodeSettings.from(conf, StanzaFile.read(conf));
        dataDir = settings.dataDir();
        configuration = new LocalConfiguration(settings, new NodeStateStore(settings.dataDir()));
        master = new NodeMasterSide(settings, configuration, new HostLifecycle(settings, new HostLifecycleDrainTest.IdleHost()),
                "cluster-1").offering(() -> term, List::of);
    }

    private long publish(String content) throws Exception {
        Files.writeString(dir.resolve("junctions/a.json"), content);
        return configuration.refresh();
    }

    @Test
    void everyTurnOfTheSameVersionGetsItsFilesAndTheTermOfThatTurn() throws Exception {
        long first = publish("{\"a\": 1}\n");
        long second = publish("{\"a\": 2}\n");

        TurnRequest.Offer one = master.turnOffer(second).orElseThrow();
        term = 2;
        TurnRequest.Offer two = master.turnOffer(second).orElseThrow();

        assertThat(two.version().getVersion()).isEqualTo(second);
        assertThat(two.version().getFiles()).isEqualTo(one.version().getFiles());
        assertThat(two.inline().keySet()).isEqualTo(one.inline().keySet());
        assertThat(two.inline().values()).anySatisfy(content ->
                assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\"a\": 2}\n"));
        assertThat(one.version().getTerm()).isEqualTo(1);
        assertThat(two.version().getTerm()).as("the term of the turn, not of the first").isEqualTo(2);

        TurnRequest.Offer older = master.turnOffer(first).orElseThrow();
        assertThat(older.version().getVersion()).isEqualTo(first);
        assertThat(older.inline().values()).anySatisfy(content ->
                assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\"a\": 1}\n"));
    }

    /** SecurityIT tampers with a stored manifest, then puts it back: each turn offers what the store holds then. */
    @Test
    void aManifestChangedOnDiskIsOfferedAsItIsNow() throws Exception {
        publish("{\"a\": 1}\n");
        long version = publish("{\"a\": 2}\n");
        Path manifest = dataDir.resolve(String.format("store/versions/%010d.json", version));
        String stored = Files.readString(manifest);
        TurnRequest.Offer before = master.turnOffer(version).orElseThrow();

        Files.writeString(manifest, stored.replace(before.version().getDigest(), "0".repeat(64)));
        TurnRequest.Offer tampered = master.turnOffer(version).orElseThrow();
        Files.writeString(manifest, stored);
        TurnRequest.Offer restored = master.turnOffer(version).orElseThrow();

        assertThat(tampered.version().getDigest()).isEqualTo("0".repeat(64));
        assertThat(restored.version().getDigest()).isEqualTo(before.version().getDigest());
    }

    @Test
    void aVersionPrunedSinceItWasOfferedIsOfferedNoMore() throws Exception {
        long offered = publish("{\"a\": 0}\n");
        assertThat(master.turnOffer(offered)).isPresent();

        for (int i = 1; i <= VersionStore.KEPT_VERSIONS; i++) {
            publish("{\"a\": " + i + "}\n");
        }

        assertThat(configuration.store().versionNumbers()).doesNotContain(offered);
        assertThat(master.turnOffer(offered)).isEmpty();
    }
}
