package io.ripple.management;

import io.ripple.util.DaemonThreads;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@link PeerProof#clusterKey keys} of a password file's users, derived on a thread of their own: the first HMAC
 * of a JVM loads the JCE providers, which costs a node's start tens of milliseconds it need not wait for. The first
 * proof or signed request waits for them. The passwords are held only until the keys are made.
 */
final class ClusterKeys {

    private final CompletableFuture<Map<String, byte[]>> keys;

    private ClusterKeys(CompletableFuture<Map<String, byte[]>> keys) {
        this.keys = keys;
    }

    /** Starts deriving a key for each user's password and returns at once. */
    static ClusterKeys deriveInBackground(Map<String, String> passwords) {
        Map<String, String> copy = Map.copyOf(passwords);
        return new ClusterKeys(CompletableFuture.supplyAsync(() -> derive(copy),
                task -> DaemonThreads.start("ripple-cluster-keys", task)));
    }

    /** The user's key, waiting for the derivation if it is still under way; null for a user not in the file. */
    byte[] get(String user) {
        try {
            return keys.join().get(user);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private static Map<String, byte[]> derive(Map<String, String> passwords) {
        Map<String, byte[]> derived = new HashMap<>();
        passwords.forEach((user, password) -> derived.put(user, PeerProof.clusterKey(user, password)));
        return Map.copyOf(derived);
    }
}
