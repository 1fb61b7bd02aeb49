package io.ripple.management;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How one Ripple server proves to another, before it is sent reusable credentials, that it holds the cluster's secret:
 * the caller sends a fresh random nonce and the user it is about to authenticate as, the called server answers
 * {@code HMAC-SHA256(k, "ripple-proof-v1" | nonce | channel | its role | its name | its cluster id)} with
 * {@code k = HMAC-SHA256(password, "ripple-cluster-key|" + user)}. The caller knows the password from its
 * credentials file; the called server from the password file it checks that user's password against, so neither
 * side holds anything it did not hold before. Binding the name stops a squatter from relaying the challenge to
 * another server of the cluster; binding the channel ({@value #JMX} or {@value #JOLOKIA}) stops it from relaying it to
 * the same server's other endpoint.
 */
public final class PeerProof {

    /** Names the scheme on the wire; a new scheme gets a new name. */
    public static final String VERSION = "ripple-proof-v1";
    /** The length of a nonce. */
    public static final int NONCE_BYTES = 32;
    /** The channel a proof over JMX RMI is bound to. */
    public static final String JMX = "jmx";
    /** The channel a proof over Jolokia HTTP is bound to. */
    public static final String JOLOKIA = "jolokia";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String KEY_LABEL = "ripple-cluster-key|";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One Mac a thread, keyed anew for each use: every signed request is signed and checked with one, and looking up
     * the JCE provider for a new instance cost as much as the HMAC itself.
     */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        }
    });

    private PeerProof() {
    }

    /** The key both sides derive from the cluster account: {@code HMAC-SHA256(password, "ripple-cluster-key|" + user)}. */
    public static byte[] clusterKey(String user, String password) {
        // HMAC takes a key of any length, an empty one too; an empty password still gives a key nobody else derives
        // from another user's
        return hmac(password.getBytes(StandardCharsets.UTF_8), (KEY_LABEL + user).getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh nonce of {@value #NONCE_BYTES} random bytes. */
    public static byte[] newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /**
     * The proof over {@code nonce} of the {@code role} ({@code master} or {@code replica}) {@code name} of cluster
     * {@code clusterId} on {@code channel}. Every field goes in with its length, so that no two different sets of
     * fields give the same bytes.
     */
    public static byte[] proof(byte[] key, byte[] nonce, String channel, String role, String name, String clusterId) {
        return macOf(key, bytes(VERSION), nonce, bytes(channel), bytes(role), bytes(name), bytes(clusterId));
    }

    /**
     * {@code HMAC-SHA256(key, fields)}, every field preceded by its length, so that no two different lists of fields
     * give the same bytes.
     */
    static byte[] macOf(byte[] key, byte[]... fields) {
        int size = 0;
        for (byte[] field : fields) {
            size += Integer.BYTES + field.length;
        }
        ByteBuffer message = ByteBuffer.allocate(size);
        for (byte[] field : fields) {
            message.putInt(field.length).put(field);
        }
        return hmac(key, message.array());
    }

    /** Whether two proofs are the same, in a time that does not depend on where they differ. */
    public static boolean same(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = MACS.get();
            // SecretKeySpec refuses an empty key; HMAC pads any key, so a single zero byte is the same key as none
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        }
    }
}
