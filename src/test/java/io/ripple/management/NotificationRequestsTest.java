package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a read is not a notification        | {"type":"read","mbean":"java.lang:type=Memory"}                                        | true  |
            register                            | {"type":"notification","command":"register"}                                           | true  |
            register without the type allowed   | {"type":"notification","command":"register"}                                           | false | Request type notification is not allowed
            a read without the type allowed     | {"type":"read","mbean":"ripple:type=Server"}                                           | false |
            add on ripple:type=Server           | {"type":"notification","command":"add","mode":"pull","mbean":"ripple:type=Server"}     | true  |
            add on a replica MBean              | {"type":"notification","command":"add","mode":"pull","mbean":"ripple:type=ClusterReplica,name=r1"} | true |
            add on java.lang                    | {"type":"notification","command":"add","mode":"pull","mbean":"java.lang:type=Memory"}  | true  | Notifications of java.lang:type=Memory are not served: only of MBeans in the ripple domain
            add on a ripple pattern             | {"type":"notification","command":"add","mode":"pull","mbean":"ripple:*"}               | true  | Notifications of ripple:* are not served
            add on a domain pattern             | {"type":"notification","command":"add","mode":"pull","mbean":"rippl?:type=Server"}     | true  | are not served
            add in sse mode                     | {"type":"notification","command":"add","mode":"sse","mbean":"ripple:type=Server"}      | true  | Notification mode 'sse' is not served: only pull
            add without a mode                  | {"type":"notification","command":"add","mbean":"ripple:type=Server"}                   | true  | Notification mode '' is not served
            add with a malformed name           | {"type":"notification","command":"add","mode":"pull","mbean":"no colon"}               | true  | Invalid MBean name 'no colon'
            open                                | {"type":"notification","command":"open","client":"x","mode":"sse"}                     | true  | Notification command 'open' is not served
            unknown command                     | {"type":"notification","command":"subscribe"}                                          | true  | Notification command 'subscribe' is not served
            remove, ping, list, unregister      | {"type":"notification","command":"ping","client":"x"}                                  | true  |
            """)
    void servesPullModeOnRippleMBeansOnly(String what, String request, boolean typeAllowed, String refusal) throws Exception {
        Optional<String> answer = NotificationRequests.refusal(JSON.readTree(request), () -> typeAllowed);
        if (refusal == null) {
            assertThat(answer).as(what).isEmpty();
        } else {
            assertThat(answer).as(what).hasValueSatisfying(r -> assertThat(r).contains(refusal));
        }
    }
}
