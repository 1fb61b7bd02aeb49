package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RunStartedTest {

    @ParameterizedTest
    @CsvSource({"4, ripple", "12, parallel", "7.revert, 'plan: batch 2, pause 0 s, min-ready 0, max-failures none'",
            "5, 'rollback to version 3, ripple'"})
    void theSentenceNamesTheRunAndGivesItsIdBack(String runId, String how) {
        String sentence = RunStarted.sentence(runId, how);
        assertThat(sentence).isEqualTo("Run " + runId + " started (" + how + ")");
        assertThat(RunStarted.runId(sentence)).contains(runId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "", "Run 4", "run 4 started (ripple)", "The cluster is in the process of being restarted."})
    void anythingElseHasNoRunId(String answer) {
        assertThat(RunStarted.runId(answer)).isEmpty();
    }
}
