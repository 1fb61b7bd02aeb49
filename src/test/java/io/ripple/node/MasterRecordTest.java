package io.ripple.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MasterRecordTest {

    private static final String URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9001/jmxrmi";

    @TempDir
    Path dir;

    @Test
    void aRecordIsWrittenAndReadBack() throws Exception {
        new MasterRecord("replica-1", URL, 2).write(dir);

        assertThat(Files.readString(dir.resolve(MasterRecord.FILE)))
                .isEqualTo("master = replica-1\nurl = " + URL + "\nterm = 2\n");
        assertThat(MasterRecord.read(dir)).contains(new MasterRecord("replica-1", URL, 2));
    }

    @Test
    void noFileIsNoRecord() throws Exception {
        assertThat(MasterRecord.read(dir)).isEmpty();
    }

    @Test
    void linesMayComeInAnyOrderWithBlankLinesAndComments() throws Exception {
        Files.writeString(dir.resolve(MasterRecord.FILE), "# written by a promotion\nterm = 7\n\r\nurl = http://h:1/jolokia/\nmaster = r2\n");

        assertThat(MasterRecord.read(dir)).contains(new MasterRecord("r2", "http://h:1/jolokia/", 7));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "url = " + URL + "\\nterm = 2                                  | 'master' is missing",
        "master = r1\\nterm = 2                                        | 'url' is missing",
        "master = r1\\nurl = " + URL + "                               | 'term' is missing",
        "master = r1\\nmaster = r2\\nurl = " + URL + "\\nterm = 2      | 'master' is given twice (line 2)",
        "master = r1\\nurl = " + URL + "\\nterm = 2\\nrole = master    | line 4 has the unknown key 'role'",
        "master = r1\\nurl " + URL + "\\nterm = 2                      | line 2 is not 'key = value'",
        "master = r1\\nurl = " + URL + "\\nterm = 0                    | term '0' is not a whole number of 1 to 18 digits",
        "master = r1\\nurl = " + URL + "\\nterm = 02                   | term '02' is not a whole number of 1 to 18 digits",
        "master = r1\\nurl = " + URL + "\\nterm = 1234567890123456789  | term '1234567890123456789' is not a whole number of 1 to 18 digits",
        "master = r1\\nurl = " + URL + "\\nterm = two                  | term 'two' is not a whole number of 1 to 18 digits",
        "master = \\nurl = " + URL + "\\nterm = 2                      | master name '' is empty, unprintable or longer than 128 characters",
        "master = r 1\\nurl = " + URL + "\\nterm = 2                   | master name 'r 1' is empty, unprintable or longer than 128 characters",
        "master = r1\\nurl = ftp://h/\\nterm = 2                       | url 'ftp://h/' is not a JMX service URL or an http(s) URL of at most 1000 characters",
    })
    void anUnreadableRecordRefusesTheStartWithOneLineNamingTheFileAndTheFix(String content, String why) throws Exception {
        Files.writeString(dir.resolve(MasterRecord.FILE), content.replace("\\n", "\n"));

        assertThatThrownBy(() -> MasterRecord.read(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid master record " + dir.resolve(MasterRecord.FILE) + ": " + why + ". Expected three lines"
                        + " 'master = NAME', 'url = URL' and 'term = N'. Remove the file to start as server.conf's [cluster]"
                        + " says (the current master's next run or a new promotion writes it again).");
    }

    @Test
    void aHugeFileIsNotReadWhole() throws Exception {
        Files.writeString(dir.resolve(MasterRecord.FILE), "# " + "x".repeat(10_000_000));

        assertThatThrownBy(() -> MasterRecord.read(dir)).hasMessageContaining(": longer than 2048 bytes.");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Files.write(dir.resolve(MasterRecord.FILE), new byte[] {'m', (byte) 0xff, (byte) 0xfe, '\n'});

        assertThatThrownBy(() -> MasterRecord.read(dir)).hasMessageContaining(": not UTF-8 text.");
    }

    @Test
    void aControlCharacterIsNotEchoedIntoTheLog() {
        assertThatThrownBy(() -> MasterRecord.parse(dir, "master = r1\nurl = " + URL + "\nterm = 2\n\u001b[31mx = 1\n"))
                .hasMessageContaining("unknown key '?[31mx'");
    }
}
