package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.remote.RemoteException;
import io.ripple.util.MessageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every error line of bin/ripple starts with a stable message ID: {@code ripple: RPL5005E No connection: ...}. */
class CliMessageIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JMX = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "cluster status                                              | RPL5005E | 2 | No connection: give --jmx",
        "--jmx JMX --jolokia http://127.0.0.1:1/jolokia/ cluster status | RPL5003E | 2 | Give either --jmx or --jolokia, not both.",
        "--jmx JMX --password-file PW cluster status                 | RPL5004E | 2 | --password-file needs --user NAME.",
        "--jmx JMX --user admin cluster status                       | RPL5004E | 2 | --user needs --password-file FILE",
        "--jmx JMX --password secret cluster status                  | RPL5002E | 2 | Passwords are never given on the command line",
        "--jolokia ftp://127.0.0.1:1/ cluster status                 | RPL5009E | 2 | Malformed Jolokia URL",
        "--jmx JMX --user admin --password-file MISSING cluster status | RPL5010E | 2 | Cannot read password file",
        "--jmx JMX --truststore PW cluster status                     | RPL5008E | 2 | --truststore needs --truststore-password-file",
        "--jmx JMX cluster frobnicate                                | RPL5001E | 2 | Unknown command 'frobnicate'",
        "--jmx JMX cluster status --wiat                             | RPL5001E | 2 | Unknown option '--wiat'",
    })
    void aRefusalOfTheCommandLineStartsWithItsId(String args, String id, int exitCode, String text) throws IOException {
        CliRun run = CliRun.of(args(args));
        assertThat(run.exitCode()).as(run.all()).isEqualTo(exitCode);
        assertThat(run.err()).as(run.all()).startsWith("ripple: " + id + " " + text);
        assertThat(MessageId.byId(id)).isPresent();
        RippleCliTest.assertNoStackTrace(run);
    }

    @Test
    void aServerThatCannotBeReachedIsRpl5014eWithExitCode3() throws IOException {
        int closed = 1; // nothing listens on port 1 of loopback: refused at once
        CliRun run = CliRun.of("--jmx", "127.0.0.1:" + closed, "cluster", "status");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CANNOT_CONNECT);
        assertThat(run.err()).startsWith("ripple: RPL5014E Cannot connect to service:jmx:rmi:///jndi/rmi://127.0.0.1:" + closed);
        RippleCliTest.assertNoStackTrace(run);
    }

    /** With --json the ID is a field of its own, and the error text stays as it was. */
    @Test
    void jsonCarriesTheIdBesideTheError() throws IOException {
        CliRun run = CliRun.of("--json", "cluster", "status");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        JsonNode error = JSON.readTree(run.out());
        assertThat(error.get("messageId").asText()).isEqualTo("RPL5005E");
        assertThat(error.get("error").asText()).startsWith("No connection: give --jmx");
        assertThat(error.get("exitCode").asInt()).isEqualTo(2);
        assertThat(run.err()).startsWith("ripple: RPL5005E No connection");
    }

    @ParameterizedTest
    @EnumSource(RemoteException.Kind.class)
    void everyKindOfRemoteFailureHasACliIdOfItsOwn(RemoteException.Kind kind) {
        MessageId id = RippleCli.messageId(new RemoteException(kind, "x", null));
        assertThat(id.number()).isBetween(5000, 5999);
        assertThat(id.severity()).isEqualTo(MessageId.Severity.E);
        List<MessageId> others = new ArrayList<>();
        for (RemoteException.Kind other : RemoteException.Kind.values()) {
            if (other != kind) {
                others.add(RippleCli.messageId(new RemoteException(other, "x", null)));
            }
        }
        assertThat(others).doesNotContain(id);
    }

    private String[] args(String line) throws IOException {
        Path password = temp.resolve("pw");
        Files.writeString(password, "secret\n");
        return line.strip().replace("JMX", JMX).replace("PW", password.toString())
                .replace("MISSING", temp.resolve("missing").toString()).split("\\s+");
    }
}
