package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.request.JolokiaRequestFactory;
import org.jolokia.server.core.request.ProcessingParameters;
import org.jolokia.server.core.util.RequestType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestGateTest {

    static Optional<String> refusal(JolokiaRequest request) {
        return RequestGate.refusal(request, type -> true);
    }

    @Nested
    class OverGet {

        @ParameterizedTest(name = "GET {0}")
        @ValueSource(strings = {"exec/ripple:type=Server/restart", "EXEC/ripple:type=Server/restart",
            "Exec/ripple:type=Cluster/restart/true", "eXeC/ripple:type=Cluster/restart/false",
            "write/java.lang:type=Memory/Verbose/true", "WRITE/java.lang:type=Memory/Verbose/true",
            "/EXEC/ripple:type=Server/restart"})
        void execAndWriteAreRefusedInAnySpelling(String path) {
            assertThat(refusal(JolokiaRequests.get(path))).contains(RequestGate.GET_REFUSED);
        }

        @ParameterizedTest(name = "GET {0}")
        @ValueSource(strings = {"notification/register", "NOTIFICATION/register", "Notification/register"})
        void notificationIsRefusedInAnySpelling(String path) {
            assertThat(refusal(JolokiaRequests.get(path))).contains(RequestGate.NOTIFICATION_GET_REFUSED);
        }

        @ParameterizedTest(name = "GET ?p={0}")
        @ValueSource(strings = {"/EXEC/ripple:type=Server/restart", "exec/ripple:type=Server/restart",
            "Write/java.lang:type=Memory/Verbose/true"})
        void thePathInThePParameterIsJudgedToo(String p) {
            JolokiaRequest request = JolokiaRequestFactory.createGetRequest("",
                    new ProcessingParameters(Map.of(ConfigKey.PATH_QUERY_PARAM, p)));
            assertThat(request.getType()).isIn(RequestType.EXEC, RequestType.WRITE);
            assertThat(refusal(request)).contains(RequestGate.GET_REFUSED);
        }

        @ParameterizedTest(name = "GET {0}")
        @ValueSource(strings = {"read/ripple:type=Server/Name", "READ/ripple:type=Server/Name", "list", "version", "",
            "search/ripple:*"})
        void readingTypesAreLeftToTheRestrictor(String path) {
            assertThat(refusal(JolokiaRequests.get(path))).isEmpty();
        }
    }

    @Nested
    class InABody {

        @Test
        void execAndWriteArePosts() throws Exception {
            assertThat(refusal(JolokiaRequests.postOne(
                    "{\"type\":\"EXEC\",\"mbean\":\"ripple:type=Cluster\",\"operation\":\"restart\",\"arguments\":[true]}")))
                    .isEmpty();
            assertThat(refusal(JolokiaRequests.postOne(
                    "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}")))
                    .isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"target\":{\"url\":\"service:jmx:rmi:///jndi/ldap://h/x\"}}",
            "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"options\":{\"target\":{\"url\":\"service:jmx:x\"}}}",
            "{\"type\":\"VERSION\",\"target\":{\"url\":\"service:jmx:rmi:///jndi/ldap://h/x\"}}"})
        void aProxyTargetIsRefusedWhereverItIsGiven(String body) throws Exception {
            assertThat(refusal(JolokiaRequests.postOne(body))).contains(RequestGate.PROXY_REFUSED);
        }

        @Test
        void everyElementOfABulkRequestIsJudged() throws Exception {
            var requests = JolokiaRequests.post("[{\"type\":\"read\",\"mbean\":\"ripple:type=Server\"},"
                    + "{\"type\":\"Notification\",\"command\":\"open\",\"client\":\"x\",\"mode\":\"sse\"}]");
            assertThat(refusal(requests.get(0))).isEmpty();
            assertThat(refusal(requests.get(1))).hasValueSatisfying(r -> assertThat(r).contains("'open' is not served"));
        }
    }

    @Nested
    class TypesJolokiaDoesNotRestrict {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                {"type":"version"}  | version
                {"type":"VERSION"}  | version
                {"type":"config"}   | config
                {"type":"Config"}   | config
                """)
        void versionAndConfigNeedTheRestrictorsYes(String body, String type) throws Exception {
            JolokiaRequest request = JolokiaRequests.postOne(body);
            assertThat(RequestGate.refusal(request, t -> false)).contains("Request type " + type + " is not allowed");
            assertThat(RequestGate.refusal(request, t -> true)).isEmpty();
        }

        @Test
        void anEmptyGetPathIsAVersionRequest() {
            assertThat(RequestGate.refusal(JolokiaRequests.get(""), t -> false)).contains("Request type version is not allowed");
        }

        @Test
        void notificationsAskTheRestrictorForTheirType() throws Exception {
            Set<RequestType> asked = new java.util.HashSet<>();
            RequestGate.refusal(JolokiaRequests.postOne("{\"type\":\"notification\",\"command\":\"register\"}"),
                    t -> asked.add(t) && false);
            assertThat(asked).containsExactly(RequestType.NOTIFICATION);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{\"type\":\"list\"}", "{\"type\":\"search\",\"mbean\":\"ripple:*\"}",
            "{\"type\":\"read\",\"mbean\":\"ripple:type=Server\"}"})
        void otherTypesAreLeftToJolokiasHandlers(String body) throws Exception {
            assertThat(RequestGate.refusal(JolokiaRequests.postOne(body), t -> false)).isEmpty();
        }
    }
}
