package io.ripple.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The message catalog and docs/MESSAGES.md say the same: the table between the markers is the catalog's rendering.
 * After a change to {@link MessageId}, rewrite the table with
 * {@code mvn -B -o test -Dtest=MessageCatalogTest -Dripple.messages.write=true}.
 */
class MessageCatalogTest {

    static final String BEGIN = "<!-- BEGIN MESSAGE TABLE: generated from io.ripple.util.MessageId by MessageCatalogTest -->";
    static final String END = "<!-- END MESSAGE TABLE -->";
    private static final Pattern ID = Pattern.compile("RPL\\d{4}[IWE]");
    private static final Pattern ID_CELL = Pattern.compile("^\\| (RPL\\S*) \\|", Pattern.MULTILINE);
    private static final Pattern ANY_ID = Pattern.compile("\\bRPL\\d{4}[A-Z]\\b");

    private static Path project() {
        return Path.of(System.getProperty("ripple.projectDir", "."));
    }

    @Test
    void idsAreUniqueWellFormedAndInTheirArea() {
        Set<String> ids = new HashSet<>();
        for (MessageId m : MessageId.values()) {
            assertThat(m.id()).as(m.name()).matches(ID);
            assertThat(ids.add(m.id())).as("duplicate " + m.id()).isTrue();
            assertThat(m.number()).as(m.name()).isBetween(1001, 6999);
            assertThat(m.message()).as(m.name()).isNotBlank().doesNotContain("\n");
            assertThat(m.meaning()).as(m.name()).isNotBlank().doesNotContain("\n");
            assertThat(m.action()).as(m.name()).isNotBlank().doesNotContain("\n");
            assertThat(MessageId.byId(m.id())).contains(m);
        }
        assertThat(Arrays.stream(MessageId.values()).map(m -> m.number()).distinct().count())
                .as("numbers are unique whatever the severity").isEqualTo(MessageId.values().length);
    }

    @Test
    void linePutsTheIdInFront() {
        assertThat(MessageId.STATUS_RESTARTED.line("The cluster has been restarted."))
                .isEqualTo("RPL3002I The cluster has been restarted.");
        assertThat(MessageId.STATUS_RESTARTED).hasToString("RPL3002I");
    }

    @Test
    void theDocsTableIsTheCatalog() throws IOException {
        Path doc = project().resolve("docs/MESSAGES.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("docs/MESSAGES.md has the table markers").isGreaterThanOrEqualTo(0);
        assertThat(end).isGreaterThan(begin);
        String table = text.substring(begin + BEGIN.length(), end);
        String expected = "\n" + render() + "\n";
        if (!table.equals(expected) && Boolean.getBoolean("ripple.messages.write")) {
            Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end), StandardCharsets.UTF_8);
            return;
        }
        List<String> inDoc = new ArrayList<>();
        Matcher m = ID_CELL.matcher(table);
        while (m.find()) {
            inDoc.add(m.group(1));
        }
        List<String> inEnum = Arrays.stream(MessageId.values()).map(MessageId::id).toList();
        assertThat(inDoc).as("IDs in docs/MESSAGES.md").doesNotHaveDuplicates().allMatch(id -> ID.matcher(id).matches());
        assertThat(inDoc).as("every ID of the table is in MessageId").isSubsetOf(inEnum);
        assertThat(inEnum).as("every MessageId is in the table").isSubsetOf(inDoc);
        assertThat(table).as("the table is MessageId's rendering: rewrite it with -Dripple.messages.write=true")
                .isEqualTo(expected);
    }

    @Test
    void readmeLinksTheTable() throws IOException {
        assertThat(Files.readString(project().resolve("README.md"))).contains("docs/MESSAGES.md");
    }

    /** An ID written out in the sources (rather than through MessageId) must still be one of the catalog's. */
    @Test
    void everyIdInTheSourcesIsInTheCatalog() throws IOException {
        Set<String> known = new HashSet<>(Arrays.stream(MessageId.values()).map(MessageId::id).toList());
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(project().resolve("src/main"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String source = Files.readString(f, StandardCharsets.UTF_8);
                assertThat(source).as(f + " uses Ripple's own IDs, never IBM's").doesNotContain("DPWAD");
                Matcher m = ANY_ID.matcher(source);
                while (m.find()) {
                    if (!known.contains(m.group())) {
                        unknown.add(f + ": " + m.group());
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    static String render() {
        StringBuilder b = new StringBuilder();
        b.append("| ID | severity | message | meaning | what to do |\n");
        b.append("| --- | --- | --- | --- | --- |\n");
        for (MessageId m : MessageId.values()) {
            b.append("| ").append(m.id()).append(" | ").append(m.severity().word()).append(" | `")
                    .append(cell(m.message()).replace("`", "'")).append("` | ").append(cell(m.meaning())).append(" | ")
                    .append(cell(m.action())).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
