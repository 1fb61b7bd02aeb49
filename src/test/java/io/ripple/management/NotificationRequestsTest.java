package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.jolokia.server.core.request.JolokiaNotificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationRequestsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            register                            | {"type":"notification","command":"register"}                                           | true  |
            REGISTER in capitals                | {"type":"NOTIFICATION","command":"REGISTER"}                                           | true  |
            register without the type allowed   | {"type":"notification","command":"register"}                                           | false | Request type notification is not allowed
            add on ripple:type=Server           | {"type":"notification","command":"add","client":"c","mode":"pull","mbean":"ripple:type=Server"}     | true  |
            Add on ripple:type=Server           | {"type":"Notification","command":"Add","client":"c","mode":"pull","mbean":"ripple:type=Server"}     | true  |
            add on a replica MBean              | {"type":"notification","command":"add","client":"c","mode":"pull","mbean":"ripple:type=ClusterReplica,name=r1"} | true |
            add on java.lang                    | {"type":"notification","command":"add","client":"c","mode":"pull","mbean":"java.lang:type=Memory"}  | true  | Notifications of java.lang:type=Memory are not served: only of MBeans in the ripple domain
            ADD on java.lang                    | {"type":"NOTIFICATION","command":"ADD","client":"c","mode":"pull","mbean":"java.lang:type=Memory"}  | true  | Notifications of java.lang:type=Memory are not served
            add on a ripple pattern             | {"type":"notification","command":"add","client":"c","mode":"pull","mbean":"ripple:*"}               | true  | Notifications of ripple:* are not served
            add on a domain pattern             | {"type":"notification","command":"add","client":"c","mode":"pull","mbean":"rippl?:type=Server"}     | true  | are not served
            add in sse mode                     | {"type":"notification","command":"add","client":"c","mode":"sse","mbean":"ripple:type=Server"}      | true  | Notification mode 'sse' is not served: only pull
            add in PULL mode (not Jolokia's name) | {"type":"notification","command":"add","client":"c","mode":"PULL","mbean":"ripple:type=Server"}   | true  | Notification mode 'PULL' is not served: only pull
            add with a null mode                | {"type":"notification","command":"add","client":"c","mode":null,"mbean":"ripple:type=Server"}       | true  | Notification mode 'null' is not served
            open                                | {"type":"notification","command":"open","client":"x","mode":"sse"}                     | true  | Notification command 'open' is not served
            OPEN                                | {"type":"Notification","command":"OPEN","client":"x","mode":"sse"}                     | true  | Notification command 'open' is not served
            remove, ping, list, unregister      | {"type":"notification","command":"ping","client":"x"}                                  | true  |
            """)
    void servesPullModeOnRippleMBeansOnly(String what, String request, boolean typeAllowed, String refusal) throws Exception {
        JolokiaNotificationRequest parsed = (JolokiaNotificationRequest) JolokiaRequests.postOne(request);
        Optional<String> answer = NotificationRequests.refusal(parsed, () -> typeAllowed);
        if (refusal == null) {
            assertThat(answer).as(what).isEmpty();
        } else {
            assertThat(answer).as(what).hasValueSatisfying(r -> assertThat(r).contains(refusal));
        }
    }

    @Test
    void requestsJolokiaCannotParseNeverReachTheCheck() {
        assertThatThrownBy(() -> JolokiaRequests.postOne(
                "{\"type\":\"notification\",\"command\":\"add\",\"client\":\"c\",\"mbean\":\"ripple:type=Server\"}"))
                .hasMessageContaining("No mode");
        assertThatThrownBy(() -> JolokiaRequests.postOne(
                "{\"type\":\"notification\",\"command\":\"add\",\"client\":\"c\",\"mode\":\"pull\",\"mbean\":\"no colon\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JolokiaRequests.postOne("{\"type\":\"notification\",\"command\":\"subscribe\"}"))
                .hasMessageContaining("subscribe");
    }
}
