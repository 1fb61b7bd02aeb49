package io.ripple.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A small tmpfs mounted on a folder for one test, so that a disk fills for real; the test is skipped where mounting is not allowed. */
public final class SmallDisk implements AutoCloseable {

    private final Path folder;

    private SmallDisk(Path folder) {
        this.folder = folder;
    }

    /** Mounts a tmpfs of {@code size} (as mount takes it: {@code 1m}) on {@code folder}, or skips the test saying why. */
    public static SmallDisk mount(Path folder, String size) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        String refusal = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder.toString());
        Assumptions.assumeTrue(refusal == null, "cannot mount a small tmpfs here (" + refusal + "); a full disk needs one");
        return new SmallDisk(folder);
    }

    /** Makes the disk read-only, as a file system remounted read-only after an error. */
    public void readOnly() throws IOException, InterruptedException {
        String refusal = run("mount", "-o", "remount,ro", folder.toString());
        if (refusal != null) {
            throw new IOException(refusal);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String refusal = run("umount", folder.toString());
        if (refusal != null) {
            throw new IOException(refusal);
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + ": no answer in 30 s";
        }
        return p.exitValue() == 0 ? null : String.join(" ", command) + ": exit " + p.exitValue() + ": " + output.strip();
    }
}
