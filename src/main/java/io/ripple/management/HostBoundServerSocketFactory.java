package io.ripple.management;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens RMI server sockets on one address only. RMI shares a listening socket between exports
 * whose factories are equal; this class keeps Object's identity equality on purpose, so that the
 * registry and connector of one endpoint share a port and two endpoints never do.
 *
 * <p>For port 0 the endpoint binds a socket first ({@link #bindAnyPort()}) and RMI then exports
 * on that real port and receives that socket: RMI never closes a listener it opened on port 0,
 * so letting it pick the port would leak one socket per closed endpoint.
 *
 * <p>With an {@link SSLContext}, every accepted connection is wrapped in TLS as the JDK's
 * {@code SslRMIServerSocketFactory} does (the handshake runs on RMI's connection thread, at the
 * first read), but still on this one address.
 */
final class HostBoundServerSocketFactory implements RMIServerSocketFactory {

    private static final int BACKLOG = 50;

    private final InetAddress address;
    private final java.util.List<ServerSocket> opened = new java.util.ArrayList<>();
    private final SSLContext tls;
    private final boolean clientAuth;
    private ServerSocket preBound;

    HostBoundServerSocketFactory(InetAddress address) {
        this(address, null, false);
    }

    /** @param tls null for plain sockets; @param clientAuth whether TLS clients must present a trusted certificate */
    HostBoundServerSocketFactory(InetAddress address, SSLContext tls, boolean clientAuth) {
        this.address = address;
        this.tls = tls;
        this.clientAuth = clientAuth;
    }

    private ServerSocket open(int port) throws IOException {
        return tls == null ? new ServerSocket(port, BACKLOG, address)
                : new TlsServerSocket(port, address, tls.getSocketFactory(), clientAuth);
    }

    /** Binds a free port on the address, to be handed to RMI by the next call for that port. */
    synchronized int bindAnyPort() throws IOException {
        preBound = open(0);
        return preBound.getLocalPort();
    }

    @Override
    public synchronized ServerSocket createServerSocket(int port) throws IOException {
        if (preBound != null && preBound.getLocalPort() == port) {
            ServerSocket socket = preBound;
            preBound = null;
            opened.add(socket);
            return socket;
        }
        ServerSocket socket = open(port);
        opened.add(socket);
        return socket;
    }

    /**
     * Closes every listening socket this factory opened. RMI closes them on its own accept thread some time after
     * the last unexport; closing them here frees the port before {@code close()} returns.
     */
    synchronized void closeAll() {
        closeUnused();
        for (ServerSocket socket : opened) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed by RMI
            }
        }
        opened.clear();
    }

    /** Closes the pre-bound socket if RMI never took it. */
    synchronized void closeUnused() {
        if (preBound != null) {
            try {
                preBound.close();
            } catch (IOException e) {
                // nothing listens on it: nothing to do
            }
            preBound = null;
        }
    }

    /** A listening socket whose accepted connections speak TLS, server side. */
    private static final class TlsServerSocket extends ServerSocket {
        private final SSLSocketFactory factory;
        private final boolean clientAuth;

        TlsServerSocket(int port, InetAddress address, SSLSocketFactory factory, boolean clientAuth) throws IOException {
            super(port, BACKLOG, address);
            this.factory = factory;
            this.clientAuth = clientAuth;
        }

        @Override
        public Socket accept() throws IOException {
            Socket plain = super.accept();
            SSLSocket socket = (SSLSocket) factory.createSocket(plain, plain.getInetAddress().getHostAddress(),
                    plain.getPort(), true);
            socket.setUseClientMode(false);
            socket.setNeedClientAuth(clientAuth);
            return socket;
        }
    }
}
