package io.ripple.management;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Password and access files for the tests, with the example users of jmx-config/. */
final class TestFiles {

    static final String PASSWORDS = """
            # test users
            admin admin-secret

            monitor monitor-secret
            ripple ripple-secret
            """;
    static final String ROLES = """
            admin readwrite
            monitor readonly
            ripple readwrite create javax.management.monitor.*
            """;

    private TestFiles() {
    }

    static Path passwordFile(Path dir) throws IOException {
        return ownerOnly(write(dir.resolve("jmxremote.password"), PASSWORDS));
    }

    static Path accessFile(Path dir) throws IOException {
        return write(dir.resolve("jmxremote.access"), ROLES);
    }

    static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }

    static Path ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
