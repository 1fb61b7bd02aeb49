package io.ripple.cluster;

import io.ripple.MemberInfo;
import io.ripple.config.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The SHA-256 of a cluster's membership, in its order: what a replica answers it holds, and what a turn request carries
 * instead of the members when the replica answered that it holds them already. Each name and URL is hashed with its
 * length first, so that no two memberships share a digest by where one text ends and the next begins.
 */
public final class MembershipDigest {

    private MembershipDigest() {
    }

    public static String of(List<MemberInfo> members) {
        MessageDigest sha = Hashing.sha256();
        for (MemberInfo m : members) {
            add(sha, m.getName());
            add(sha, m.getUrl());
        }
        return Hashing.hex(sha.digest());
    }

    private static void add(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }
}
