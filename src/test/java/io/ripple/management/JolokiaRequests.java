package io.ripple.management;

import java.util.List;
import java.util.Map;
import org.jolokia.json.JSONArray;
import org.jolokia.json.JSONObject;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.request.JolokiaRequestFactory;
import org.jolokia.server.core.request.ProcessingParameters;

/** Requests parsed by Jolokia's own factory, as its HTTP handler parses a GET path or a POST body. */
final class JolokiaRequests {

    private JolokiaRequests() {
    }

    static ProcessingParameters noParameters() {
        return new ProcessingParameters(Map.of());
    }

    /** A GET request from the path after {@code /jolokia/}. */
    static JolokiaRequest get(String pathInfo) {
        return JolokiaRequestFactory.createGetRequest(pathInfo, noParameters());
    }

    /** The requests of a POST body: one object or a bulk array. */
    static List<JolokiaRequest> post(String body) throws Exception {
        Object json = new JSONParser().parse(body);
        if (json instanceof JSONArray bulk) {
            return JolokiaRequestFactory.createPostRequests(bulk, noParameters());
        }
        return List.of(JolokiaRequestFactory.createPostRequest((JSONObject) json, noParameters()));
    }

    static JolokiaRequest postOne(String body) throws Exception {
        return post(body).get(0);
    }
}
