package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ripple.ClusterMXBean;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The master logs one line per run state change, each with its message ID, so that a runbook can grep them. */
class RunLogLinesTest {

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(RunTracker.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    private List<String> lines() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aRunStartsChangesAndEndsWithItsIds() throws Exception {
        RunTracker t = new RunTracker(new RunJournal(dir), Runs.MASTER, e -> { });
        t.start(Runs.inProgress("7", "replica-1"));
        t.updateRow("replica-1", r -> r.to(RowState.RESTARTED, "3 files changed", 1500));
        t.end(RunState.COMPLETED, ClusterMXBean.MESSAGE_RESTARTED);
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).startsWith("RPL3010I Run 7: started (");
        assertThat(lines().get(1)).isEqualTo("RPL3011I Run 7: replica-1 RESTARTED (3 files changed)");
        assertThat(lines().get(2)).isEqualTo("RPL3012I Run 7: COMPLETED - RPL3002I The cluster has been restarted.");
        assertThat(t.current().message()).as("the sentence itself stays the contract's").isEqualTo(ClusterMXBean.MESSAGE_RESTARTED);
    }

    @Test
    void aFailedRunEndsWithTheFailedSentencesId() throws Exception {
        RunTracker t = new RunTracker(new RunJournal(dir), Runs.MASTER, e -> { });
        t.start(Runs.inProgress("8", "replica-1"));
        t.end(RunState.FAILED, ClusterMXBean.MESSAGE_FAILED + " replica-1 FAILED: disk full");
        assertThat(lines()).last().isEqualTo("RPL3012I Run 8: FAILED - RPL3003E The cluster restart failed. replica-1 FAILED: disk full");
    }
}
