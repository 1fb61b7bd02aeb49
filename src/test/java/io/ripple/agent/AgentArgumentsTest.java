package io.ripple.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

    @Test
    void confAloneTakesTheDefaults() {
        AgentArguments a = AgentArguments.parse("conf=/srv/app/server.conf");
        assertThat(a.conf()).isEqualTo(Path.of("/srv/app/server.conf"));
        assertThat(a.startupWaitSeconds()).isEqualTo(AgentArguments.DEFAULT_STARTUP_WAIT_SECONDS);
        assertThat(a.readyPort()).isZero();
    }

    @Test
    void aLonePathIsTheConfAndEveryKeyIsRead() {
        AgentArguments a = AgentArguments.parse("/srv/app/server.conf, startup-wait=0, ready-port=8080");
        assertThat(a.conf()).isEqualTo(Path.of("/srv/app/server.conf"));
        assertThat(a.startupWaitSeconds()).isZero();
        assertThat(a.readyPort()).isEqualTo(8080);
    }

    @Test
    void readyUrlAndRestartAreRead() {
        AgentArguments a = AgentArguments.parse("conf=/a,ready-url=http://127.0.0.1:8080/health?full=1,restart=tomcat");
        assertThat(a.readyUrl()).hasToString("http://127.0.0.1:8080/health?full=1");
        assertThat(a.restart()).isEqualTo(AgentArguments.Restart.TOMCAT);
        assertThat(AgentArguments.parse("conf=/a").restart()).isEqualTo(AgentArguments.Restart.PROCESS);
        assertThat(AgentArguments.parse("conf=/a").readyUrl()).isNull();
        assertThat(AgentArguments.parse("conf=/a,restart=process").restart()).isEqualTo(AgentArguments.Restart.PROCESS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL                                | Missing conf=/path/server.conf.",
        "startup-wait=3                      | Missing conf=/path/server.conf.",
        "conf=/a,colour=blue                 | Unknown agent argument 'colour'.",
        "conf=/a,conf=/b                     | Agent argument 'conf' given twice.",
        "conf=/a,startup-wait=-1             | Invalid agent argument startup-wait '-1'. Must be a whole number of seconds from 0 to 3600.",
        "conf=/a,ready-port=http             | Invalid agent argument ready-port 'http'. Must be a port number from 1 to 65535, or 0 for none.",
        "conf=/a,ready-url=localhost:8080/   | Invalid agent argument ready-url 'localhost:8080/'. Must be an http:// or https:// URL",
        "conf=/a,ready-url=ftp://h/          | Invalid agent argument ready-url 'ftp://h/'. Must be an http:// or https:// URL",
        "conf=/a,ready-url=http://u:p@h/     | Invalid agent argument ready-url 'http://u:p@h/'.",
        "conf=/a,ready-url=http:// x         | Invalid agent argument ready-url 'http:// x'.",
        "conf=/a,ready-port=80,ready-url=http://h/ | Agent arguments ready-port and ready-url given together: give one of them.",
        "conf=/a,restart=jetty               | Invalid agent argument restart 'jetty'. Must be 'process' (every change restarts the process) or 'tomcat'",
    })
    void badArgumentsAreRefusedInOneLine(String text, String message) {
        assertThatThrownBy(() -> AgentArguments.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
