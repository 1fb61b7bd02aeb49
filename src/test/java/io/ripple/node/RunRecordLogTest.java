package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordLogTest {

    @TempDir
    Path dataDir;

    private Path file() {
        return dataDir.resolve(RunRecordLog.FILE_NAME);
    }

    private static RunRecordLog.Entry entry(String run, String outcome, String detail) {
        return new RunRecordLog.Entry(run, outcome, detail);
    }

    private RunRecordLog.Entry reread() throws IOException {
        return new RunRecordLog(dataDir).read().orElse(null);
    }

    @Test
    void aForcedRecordIsAppendedToTheSameFileNotRenamedOverIt() throws IOException {
        RunRecordLog log = new RunRecordLog(dataDir);
        log.read();
        log.append(entry("7", "IN_PROGRESS", "checking the master's configuration"), true);
        Object created = Files.readAttributes(file(), BasicFileAttributes.class).fileKey();

        log.append(entry("7", "RESTARTED", "1 file changed (12 ms)"), true);

        assertThat(Files.readAttributes(file(), BasicFileAttributes.class).fileKey()).as("the same inode").isEqualTo(created);
        assertThat(Files.readAllLines(file())).hasSize(2);
        assertThat(reread()).isEqualTo(entry("7", "RESTARTED", "1 file changed (12 ms)"));
        assertThat(log.forcedRecords()).isEqualTo(2);
    }

    @Test
    void aCrashAtAnyByteOfAnAppendLeavesTheRecordBeforeOrTheNewOne() throws IOException {
        RunRecordLog log = new RunRecordLog(dataDir);
        log.read();
        log.append(entry("7", "RESTARTED", "done"), true);
        log.append(entry("8", "IN_PROGRESS", "checking the master's configuration"), true);
        byte[] accepted = Files.readAllBytes(file());
        log.append(entry("8", "RESTARTED", "1 file changed, now version 9 (80 ms)"), true);
        byte[] whole = Files.readAllBytes(file());

        for (int length = accepted.length; length <= whole.length; length++) {
            Files.write(file(), Arrays.copyOf(whole, length));
            RunRecordLog.Entry read = reread();
            assertThat(read).as("cut at byte %d of %d", length, whole.length)
                    .isEqualTo(length == whole.length ? entry("8", "RESTARTED", "1 file changed, now version 9 (80 ms)")
                            : entry("8", "IN_PROGRESS", "checking the master's configuration"));
        }
    }

    @Test
    void aRecordAfterATornLineRewritesTheFileInsteadOfAppendingToIt() throws IOException {
        RunRecordLog log = new RunRecordLog(dataDir);
        log.read();
        log.append(entry("8", "IN_PROGRESS", "checking the master's configuration"), true);
        byte[] torn = RunRecordLog.line(entry("8", "RESTARTED", "1 file changed"));
        Files.write(file(), Arrays.copyOf(torn, torn.length / 2), java.nio.file.StandardOpenOption.APPEND);

        RunRecordLog afterCrash = new RunRecordLog(dataDir);
        assertThat(afterCrash.read()).contains(entry("8", "IN_PROGRESS", "checking the master's configuration"));
        afterCrash.append(entry("8", "FAILED", "interrupted: stopped during the run"), true);

        assertThat(Files.readAllLines(file())).as("one whole line, nothing torn before it").hasSize(1);
        assertThat(reread()).isEqualTo(entry("8", "FAILED", "interrupted: stopped during the run"));
    }

    @Test
    void zerosAfterTheLastRecordAreNotARecord() throws IOException {
        RunRecordLog log = new RunRecordLog(dataDir);
        log.read();
        log.append(entry("8", "IN_PROGRESS", "checking"), true);
        Files.write(file(), new byte[4096], java.nio.file.StandardOpenOption.APPEND);

        assertThat(reread()).isEqualTo(entry("8", "IN_PROGRESS", "checking"));
    }

    @Test
    void aLineWhoseChecksumDoesNotMatchIsNotARecord() throws IOException {
        RunRecordLog log = new RunRecordLog(dataDir);
        log.read();
        log.append(entry("8", "IN_PROGRESS", "checking"), true);
        String forged = new String(RunRecordLog.line(entry("8", "RESTARTED", "done")), StandardCharsets.UTF_8).replace("done", "dome");
        Files.writeString(file(), forged, java.nio.file.StandardOpenOption.APPEND);

        assertThat(reread()).isEqualTo(entry("8", "IN_PROGRESS", "checking"));
    }

    @Test
    void theFileIsCompactedToItsLastRecordWhenItGrows() throws IOException {
        RunRecordLog log = new RunRecordLog(dataDir);
        log.read();
        List<RunRecordLog.Entry> written = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            RunRecordLog.Entry e = entry("8", "IN_PROGRESS", "syncing: " + i + " of 2000 files");
            log.append(e, i % 10 == 0);
            written.add(e);
        }

        assertThat(Files.size(file())).isLessThanOrEqualTo(RunRecordLog.COMPACT_AFTER_BYTES);
        assertThat(reread()).isEqualTo(written.get(written.size() - 1));
    }

    @Test
    void aNewLogIsCreatedWhole() throws IOException {
        RunRecordLog log = new RunRecordLog(dataDir);
        assertThat(log.read()).isEmpty();

        log.append(entry("1", "IN_PROGRESS", "checking"), false);

        assertThat(log.forcedRecords()).as("a creation is always forced: file and folder").isEqualTo(1);
        assertThat(reread()).isEqualTo(entry("1", "IN_PROGRESS", "checking"));
    }
}
