package io.ripple.management;

import java.net.BindException;

/**
 * What an endpoint says when it cannot bind. The JDK throws the same {@link BindException} for a port another process
 * holds and for a host that is not one of this machine's addresses; the second is a wrong [jmx], [jolokia] or
 * [health] host, and calling it "in use" sends the operator after a port that is free.
 */
final class BindFailure {

    private BindFailure() {
    }

    /** @param endpoint how the port is named in the sentence: "JMX", "Jolokia", "Health" */
    static ManagementException of(String endpoint, String host, int port, BindException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        if (reason.contains("assign requested address")) {
            return new ManagementException(endpoint + " port " + port + " on " + host + " cannot be opened: " + host
                    + " is not an address of this machine", e);
        }
        return new ManagementException(endpoint + " port " + port + " on " + host + " is already in use", e);
    }
}
