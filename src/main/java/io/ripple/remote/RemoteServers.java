package io.ripple.remote;

/**
 * Where connections to other servers come from: {@link RemoteConnector} over JMX RMI or Jolokia, or, in tests, servers
 * that live in memory. The run engine and {@link ConnectionCache} know only this.
 */
@FunctionalInterface
public interface RemoteServers {

    /**
     * A new connection to the server at {@code url}.
     *
     * @throws RemoteException CANNOT_CONNECT, AUTHENTICATION_FAILED or TIMEOUT, naming the URL and the cause
     */
    RemoteServer open(String url);
}
