package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.jolokia.server.core.request.JolokiaExecRequest;
import org.jolokia.server.core.request.JolokiaWriteRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BooleanArgumentsTest {

    /** Operations with boolean parameters of both kinds, one overloaded. */
    public interface SwitchesMXBean {
        String restart(boolean ripple);

        String both(String name, Boolean maybe, boolean sure);

        String over(boolean flag);

        String over(String text);

        String count(int times);

        boolean isArmed();

        void setArmed(boolean armed);

        String getLabel();

        void setLabel(String label);
    }

    static final class Switches implements SwitchesMXBean {
        @Override
        public String restart(boolean ripple) {
            return "restart " + ripple;
        }

        @Override
        public String both(String name, Boolean maybe, boolean sure) {
            return name;
        }

        @Override
        public String over(boolean flag) {
            return "flag";
        }

        @Override
        public String over(String text) {
            return text;
        }

        @Override
        public String count(int times) {
            return "" + times;
        }

        @Override
        public boolean isArmed() {
            return false;
        }

        @Override
        public void setArmed(boolean armed) {
        }

        @Override
        public String getLabel() {
            return "";
        }

        @Override
        public void setLabel(String label) {
        }
    }

    static ObjectName name;
    static MBeanInfo info;

    @BeforeAll
    static void register() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        name = new ObjectName("test:type=Switches");
        server.registerMBean(DescribedMXBean.of(new Switches(), SwitchesMXBean.class), name);
        info = server.getMBeanInfo(name);
    }

    @ParameterizedTest(name = "{0}({1})")
    @CsvSource(delimiter = '|', textBlock = """
            restart          | true                      |
            restart          | false                     |
            restart          | "true"                    |
            restart          | "False"                   |
            restart          | "TRUE"                    |
            restart          | "maybe"                   | parameter ripple (boolean) must be true or false, not "maybe"
            restart          | ""                        | not ""
            restart          | " true"                   | not " true"
            restart          | "yes"                     | not "yes"
            restart          | 1                         | not 1
            restart          | 0                         | not 0
            restart          | 1.5                       | not 1.5
            restart          | null                      | not null
            restart          | {}                        | not {}
            restart          | [true]                    | not [true]
            restart(boolean) | "maybe"                   | Operation restart of test:type=Switches: parameter ripple
            restart()        | "maybe"                   |
            both             | "n", null, true           |
            both             | "n", "maybe", true        | parameter maybe (java.lang.Boolean) must be true or false, not "maybe"
            both             | "n", true, "nope"         | parameter sure (boolean)
            both             | "maybe", true, false      |
            over(boolean)    | "maybe"                   | (boolean) must be true or false
            over(java.lang.String) | "maybe"             |
            over             | "maybe"                   |
            count            | "maybe"                   |
            unknown          | "maybe"                   |
            restart          | "maybe", "extra"          | not "maybe"
            restart          | "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" | not "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."
            """)
    void aBooleanParameterTakesTrueOrFalseOnly(String operation, String arguments, String refusal) throws Exception {
        JolokiaExecRequest request = (JolokiaExecRequest) JolokiaRequests.postOne("{\"type\":\"exec\",\"mbean\":\"" + name
                + "\",\"operation\":\"" + operation + "\",\"arguments\":[" + arguments + "]}");
        Optional<String> answer = BooleanArguments.refusal(name, request.getOperation(), request.getArguments(), info);
        if (refusal == null) {
            assertThat(answer).isEmpty();
        } else {
            assertThat(answer).hasValueSatisfying(r -> assertThat(r).contains(refusal));
        }
    }

    @ParameterizedTest(name = "no arguments for {0}")
    @CsvSource({"restart", "count"})
    void noArgumentsAreLeftToJolokia(String operation) {
        assertThat(BooleanArguments.refusal(name, operation, null, info)).isEmpty();
    }

    @ParameterizedTest(name = "write {0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Armed  | true     |
            Armed  | "FALSE"  |
            Armed  | "maybe"  | Attribute Armed of test:type=Switches (boolean) must be true or false, not "maybe"
            Armed  | 1        | not 1
            Armed  | null     | not null
            Label  | "maybe"  |
            Nobody | "maybe"  |
            """)
    void aBooleanAttributeIsWrittenTrueOrFalseOnly(String attribute, String value, String refusal) throws Exception {
        JolokiaWriteRequest request = (JolokiaWriteRequest)
                JolokiaRequests.postOne("{\"type\":\"write\",\"mbean\":\"" + name + "\",\"attribute\":\"" + attribute
                        + "\",\"value\":" + value + "}");
        Optional<String> answer = BooleanArguments.valueRefusal(name, request.getAttributeName(), request.getValue(),
                request.getPathParts(), info);
        if (refusal == null) {
            assertThat(answer).isEmpty();
        } else {
            assertThat(answer).hasValueSatisfying(r -> assertThat(r).contains(refusal));
        }
    }

    @Test
    void aValueForAnInnerPathIsLeftToJolokia() {
        assertThat(BooleanArguments.valueRefusal(name, "Armed", "maybe", List.of("inner"), info)).isEmpty();
    }
}
