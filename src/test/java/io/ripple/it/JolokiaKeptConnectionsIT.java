package io.ripple.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master's Jolokia agent keeps its callers' connections open while many are idle. The JDK's HTTP server keeps at most
 * 200 idle connections and closes every further one right after its answer, without {@code Connection: close}; a
 * master's replicas keep a few each, so at 100 replicas a replica's next call on its kept connection (confirmTurn)
 * found it closed: "the server closed the connection".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JolokiaKeptConnectionsIT {

    /** More idle connections than the JDK's own bound of 200. */
    private static final int IDLE = 250;
    private static final int ANSWER_MILLIS = (int) TimeUnit.SECONDS.toMillis(15);

    private ServerDir master;
    private NodeProcess process;
    private final List<Socket> idle = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path temp) {
        master = new ServerDir(temp, "master");
        master.write("banner.txt", "Welcome\n");
        process = NodeProcess.start(master, d -> d.masterConf(""));
    }

    @AfterAll
    void stop() {
        for (Socket s : idle) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (process != null) {
            process.close();
        }
    }

    @Test
    void aKeptConnectionStillAnswersItsNextRequestWhileManyOthersAreIdle() throws Exception {
        for (int i = 0; i < IDLE; i++) {
            Socket s = open();
            idle.add(s);
            assertThat(version(s)).as("connection %d's first request", i).isEqualTo(200);
        }
        try (Socket kept = open()) {
            assertThat(version(kept)).isEqualTo(200);
            assertThat(version(kept)).as("the second request on the same kept connection").isEqualTo(200);
        }
        assertThat(version(idle.get(0))).as("the first idle connection, still open").isEqualTo(200);
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", master.jolokiaPort);
        s.setSoTimeout(ANSWER_MILLIS);
        return s;
    }

    /** One kept-alive {@code GET /jolokia/version} on {@code s}: its status, or -1 when the server closed instead. */
    private int version(Socket s) throws IOException {
        String auth = Base64.getEncoder().encodeToString((ServerDir.ADMIN + ":" + ServerDir.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        PushbackInputStream in = new PushbackInputStream(s.getInputStream());
        int first;
        try {
            OutputStream out = s.getOutputStream();
            out.write(("GET /jolokia/version HTTP/1.1\r\nHost: 127.0.0.1:" + master.jolokiaPort
                    + "\r\nAuthorization: Basic " + auth + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            first = in.read();
            while (first == '\r' || first == '\n') {
                first = in.read(); // the line that ends the chunks of the answer before
            }
        } catch (SocketException e) {
            return -1; // reset: the server had closed it
        }
        if (first == -1) {
            return -1;
        }
        in.unread(first);
        return JolokiaRequestIT.readReply(in, true).http();
    }
}
