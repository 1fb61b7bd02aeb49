package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.config.ManifestEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingReportTest {

    @TempDir
    Path dataDir;

    private static final NodeState BEFORE = new NodeState(4, 1_700_000_000_000L, "abc", List.of(new ManifestEntry("banner.txt", 8, "def")),
            "rules", "6", "RESTARTED", "1 file changed");

    @Test
    void aReportOwedForANewVersionKeepsWhatWasHeldBeforeAcrossTheRestart() throws Exception {
        PendingReport owed = new PendingReport("7", 123, "1 file changed, now version 5", 5, BEFORE, null);
        owed.save(dataDir);

        PendingReport read = PendingReport.load(dataDir).orElseThrow();

        assertThat(read).isEqualTo(owed);
        assertThat(read.reverting()).isFalse();
        assertThat(read.before().version()).isEqualTo(4);
        assertThat(read.before().synced()).containsExactly(new ManifestEntry("banner.txt", 8, "def"));
    }

    @Test
    void aRevertUnderWayIsKnownToTheNextProcess() throws Exception {
        new PendingReport("7", 123, "summary", 5, BEFORE, null).revertedBecause("not ready after restart: no").save(dataDir);

        PendingReport read = PendingReport.load(dataDir).orElseThrow();

        assertThat(read.reverting()).isTrue();
        assertThat(read.failure()).isEqualTo("not ready after restart: no");
        assertThat(read.failedVersion()).isEqualTo(5);
    }

    @Test
    void aReportWrittenBeforeRevertsExistedIsReadAsNothingToRevert() throws Exception {
        Files.writeString(dataDir.resolve(PendingReport.FILE_NAME),
                "{\"runId\": \"3\", \"requestedAtMillis\": 99, \"summary\": \"1 file changed, now version 2\"}");

        PendingReport read = PendingReport.load(dataDir).orElseThrow();

        assertThat(read.runId()).isEqualTo("3");
        assertThat(read.before()).isNull();
        assertThat(read.reverting()).isFalse();
    }

    @Test
    void clearRemovesIt() throws Exception {
        new PendingReport("7", 123, "summary").save(dataDir);
        PendingReport.clear(dataDir);
        assertThat(PendingReport.load(dataDir)).isEmpty();
    }
}
