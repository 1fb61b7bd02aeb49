package io.ripple.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * A file's owner and permission bits as the file system keeps them, and the user this process runs as; empty where
 * the file system keeps no POSIX permissions, so that the checks built on it keep quiet there.
 *
 * @param mode  the permission bits with the sticky bit ({@code 01777} for /tmp)
 * @param owner the owner's name
 * @param mine  true when the owner is the user this process runs as
 * @param root  true when the owner is root
 */
record FileOwner(int mode, String owner, boolean mine, boolean root) {

    static final int STICKY = 01000;
    static final int GROUP_OR_OTHERS = 077;
    static final int GROUP_OR_OTHERS_WRITE = 022;

    private static final ProcessUser USER = ProcessUser.find();

    /** What the file system says of {@code path} (following symbolic links), or empty on a non-POSIX file system. */
    static Optional<FileOwner> of(Path path) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) == null) {
            return Optional.empty();
        }
        String owner = Files.getOwner(path).getName();
        try {
            int mode = ((Integer) Files.getAttribute(path, "unix:mode")) & 07777;
            long uid = ((Integer) Files.getAttribute(path, "unix:uid")).longValue();
            return Optional.of(new FileOwner(mode, owner, USER.uid() >= 0 ? uid == USER.uid() : owner.equals(USER.name()), uid == 0));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // POSIX permissions without the unix view: no sticky bit, and the owner compared by name
            int mode = bits(Files.getPosixFilePermissions(path));
            return Optional.of(new FileOwner(mode, owner, owner.equals(USER.name()), owner.equals("root")));
        }
    }

    /** The user this process runs as, for messages and {@code chown}. */
    static String processUser() {
        return USER.name();
    }

    /** The mode as {@code ls} and {@code chmod} write it: {@code 644}, {@code 1777}. */
    String octal() {
        return String.format(mode > 0777 ? "%04o" : "%03o", mode);
    }

    boolean sticky() {
        return (mode & STICKY) != 0;
    }

    private static int bits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 0400 >> p.ordinal(); // OWNER_READ is the first constant, OTHERS_EXECUTE the last
        }
        return mode;
    }

    /** The process's user id (-1 where unknown) and name. */
    private record ProcessUser(long uid, String name) {

        static ProcessUser find() {
            try {
                com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
                return new ProcessUser(unix.getUid(), unix.getUsername());
            } catch (RuntimeException | LinkageError e) {
                return new ProcessUser(-1, System.getProperty("user.name"));
            }
        }
    }
}
