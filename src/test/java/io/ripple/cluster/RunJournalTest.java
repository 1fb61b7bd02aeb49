package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ripple.util.SmallDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {

    @TempDir
    Path dir;

    private static List<RunEvent> sampleEvents() {
        Run run = Runs.inProgress("7", "replica-1", "replica-2");
        ServerRow row = run.row("replica-1").orElseThrow().to(RowState.REQUESTED, "asking", 1000).withVersions(11, -1);
        Run ended = run.ended(RunState.COMPLETED, "The cluster has been restarted.", 5000);
        return List.of(
                RunEvent.started(run, Runs.MASTER).numbered(1, "2026-11-25T14:00:00.123Z"),
                RunEvent.row("7", row).numbered(2, "2026-11-25T14:00:01.000Z"),
                RunEvent.masterRestarting("7", Runs.MASTER).numbered(3, "2026-11-25T14:00:02.000Z"),
                RunEvent.ended(ended).numbered(4, "2026-11-25T14:00:04.456Z"));
    }

    @Test
    void noFileReadsAsNoEvents() throws IOException {
        assertThat(new RunJournal(dir.resolve("missing")).readAll()).isEmpty();
    }

    @Test
    void appendThenReadAllRoundTripsEveryEvent() throws IOException {
        List<RunEvent> events = sampleEvents();
        try (RunJournal journal = new RunJournal(dir.resolve("data"))) {
            for (int i = 0; i < events.size(); i++) {
                journal.append(events.get(i), i % 2 == 0);
            }
            assertThat(journal.readAll()).containsExactlyElementsOf(events);
        }
        assertThat(new RunJournal(dir.resolve("data")).readAll()).containsExactlyElementsOf(events);
        List<String> lines = Files.readAllLines(dir.resolve("data").resolve("runs.jsonl"));
        assertThat(lines).hasSize(events.size()).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    }

    @Test
    void appendsAfterReopeningKeepTheEarlierLines() throws IOException {
        List<RunEvent> events = sampleEvents();
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(0), true);
        }
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(1), false);
            assertThat(journal.readAll()).containsExactly(events.get(0), events.get(1));
        }
    }

    @Test
    void tornLastLineIsSkipped() throws IOException {
        List<RunEvent> events = sampleEvents();
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(0), true);
            journal.append(events.get(1), true);
        }
        Files.writeString(dir.resolve("runs.jsonl"), "{\"seq\":3,\"time\":\"2026-11-25T14:0", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(new RunJournal(dir).readAll()).containsExactly(events.get(0), events.get(1));
    }

    @Test
    void blankAndUnreadableLinesAreSkipped() throws IOException {
        List<RunEvent> events = sampleEvents();
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(0), true);
        }
        Files.writeString(dir.resolve("runs.jsonl"), "\n   \nnot json\n", StandardOpenOption.APPEND);
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(1), true);
            assertThat(journal.readAll()).containsExactly(events.get(0), events.get(1));
        }
    }

    @Test
    void anEventAppendedAfterATornLineIsNotLost() throws IOException {
        List<RunEvent> events = sampleEvents();
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(0), true);
        }
        // a crash in the middle of a write: no newline at the end of the file
        Files.writeString(dir.resolve("runs.jsonl"), "{\"seq\":2,\"kind\":\"ser", StandardOpenOption.APPEND);
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(1), true);
            journal.append(events.get(2), true);
        }
        assertThat(new RunJournal(dir).readAll()).containsExactly(events.get(0), events.get(1), events.get(2));
    }

    @Test
    void aLineCutInsideACharacterIsSkippedAndTheEventsAroundItAreRead() throws IOException {
        List<RunEvent> events = sampleEvents();
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(0), true);
        }
        // a write cut short between the two bytes of an 'é' (a full disk cuts a write at a block's end)
        byte[] cut = "{\"seq\":2,\"kind\":\"server\",\"detail\":\"caf\u00e9".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("runs.jsonl"), java.util.Arrays.copyOf(cut, cut.length - 1), StandardOpenOption.APPEND);
        try (RunJournal journal = new RunJournal(dir)) {
            journal.append(events.get(1), true);
        }

        assertThat(new RunJournal(dir).readAll()).containsExactly(events.get(0), events.get(1));
    }

    @Test
    void anEventAfterAnAppendThatFilledTheDiskIsNotSwallowedByItsCutLine() throws Exception {
        List<RunEvent> events = sampleEvents();
        Path data = dir.resolve("data");
        try (SmallDisk disk = SmallDisk.mount(data, "64k"); RunJournal journal = new RunJournal(data)) {
            journal.append(events.get(0), true);
            Path filler = data.resolve("filler");
            try (java.io.OutputStream out = Files.newOutputStream(filler)) {
                while (true) {
                    out.write(new byte[1024]);
                }
            } catch (IOException full) {
                // the disk is full: only the journal's last block has room left
            }
            ServerRow row = Runs.inProgress("7", "replica-1").row("replica-1").orElseThrow()
                    .to(RowState.FAILED, "x".repeat(8192), 1000);
            RunEvent cutShort = RunEvent.row("7", row).numbered(2, "2026-11-25T14:00:01.000Z");
            assertThat(catchThrowable(() -> journal.append(cutShort, true))).hasMessageContaining("No space left on device");
            Files.delete(filler);

            journal.append(events.get(3), true);

            assertThat(new RunJournal(data).readAll()).containsExactly(events.get(0), events.get(3));
        }
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws IOException {
        Files.writeString(dir.resolve("runs.jsonl"),
                "{\"seq\":9,\"time\":\"2026-11-25T14:00:00.123Z\",\"kind\":\"end\",\"runId\":\"3\",\"state\":\"COMPLETED\","
                        + "\"detail\":\"done\",\"endedAt\":5,\"futureField\":[1,2]}\n");
        List<RunEvent> read = new RunJournal(dir).readAll();
        assertThat(read).singleElement().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(9);
            assertThat(e.kind()).isEqualTo(RunEvent.END);
            assertThat(e.endedAt()).isEqualTo(5L);
            assertThat(e.server()).isNull();
        });
    }
}
