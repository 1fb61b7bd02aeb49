package io.ripple.remote;

/**
 * The server at a URL proved it holds the cluster's key, but it is another server than the one this server's
 * configuration names there (another role or name): a mislisted URL rather than a squatter. Nothing was sent to it.
 * The message is the one the identity checks give once connected, so that a caller may report it as such.
 */
public final class PeerMismatchException extends RemoteException {

    PeerMismatchException(String message) {
        super(Kind.AUTHENTICATION_FAILED, message, null);
    }
}
