package io.ripple.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of contents and the digest of a whole configuration database. */
public final class Hashing {

    private Hashing() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /** The digest of a database: SHA-256 over its entries in path order, so that listing order never matters. */
    public static String digest(List<ManifestEntry> entries) {
        MessageDigest md = sha256();
        entries.stream().sorted(Comparator.comparing(ManifestEntry::path)).forEach(e ->
                md.update((e.path() + '\0' + e.size() + '\0' + e.sha256() + '\n').getBytes(StandardCharsets.UTF_8)));
        return hex(md.digest());
    }
}
