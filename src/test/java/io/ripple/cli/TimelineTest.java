package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final String RIPPLE_RUN = """
            {"runId":"7","mode":"ripple","state":"COMPLETED","startedAt":"2026-11-25T14:00:00.000Z","endedAt":"2026-11-25T14:00:03.000Z",
             "servers":[
              {"name":"replica-1","state":"RESTARTED","requestedAt":"2026-11-25T14:00:00.000Z","startedAt":"2026-11-25T14:00:00.100Z","endedAt":"2026-11-25T14:00:01.000Z"},
              {"name":"replica-2","state":"RESTARTED","requestedAt":"2026-11-25T14:00:01.000Z","startedAt":"2026-11-25T14:00:01.100Z","endedAt":"2026-11-25T14:00:02.000Z"},
              {"name":"master","state":"RESTARTED","requestedAt":null,"startedAt":"2026-11-25T14:00:02.100Z","endedAt":"2026-11-25T14:00:03.000Z"}]}
            """;

    private static JsonNode json(String text) {
        return Output.parse(text);
    }

    @Test
    void aRippleRunShowsOneBarAfterAnother() {
        String text = Timeline.of(json(RIPPLE_RUN)).text(30);
        String[] lines = text.split("\n");
        assertThat(lines[0]).isEqualTo("Timeline (3000 ms)");
        assertThat(lines[1]).startsWith("replica-1 |##########          ").endsWith("| RESTARTED");
        assertThat(lines[2]).startsWith("replica-2 |          ##########").endsWith("| RESTARTED");
        assertThat(lines[3]).startsWith("master    |                     #########|").endsWith("| RESTARTED");
        assertThat(lines[4]).endsWith("3000 ms");
    }

    @Test
    void theHtmlPageIsSelfContainedAndEscaped() {
        String html = Timeline.of(json(RIPPLE_RUN.replace("replica-2", "<b>r2</b>"))).html();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Run 7 (ripple) COMPLETED", "&lt;b&gt;r2&lt;/b&gt;")
                .doesNotContain("<script", "http://", "https://", "<b>r2");
        assertThat(html).contains("left:33.33%;width:33.33%");
    }

    @Test
    void noRunMeansNoTimeline() {
        assertThat(Timeline.of(json("{\"runId\":null,\"servers\":[]}")).isEmpty()).isTrue();
    }
}
