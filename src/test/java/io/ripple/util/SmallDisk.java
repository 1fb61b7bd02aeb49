package io.ripple.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A small tmpfs mounted on a folder for a test, so that a disk fills for real, where this machine allows mounting. */
public final class SmallDisk implements AutoCloseable {

    private final Path folder;
    /** Why the tmpfs could not be mounted, or null when it is. */
    private final String refusal;

    private SmallDisk(Path folder, String refusal) {
        this.folder = folder;
        this.refusal = refusal;
    }

    /** Mounts a tmpfs of {@code size} (as mount takes it: {@code 1m}) on {@code folder}, or skips the test saying why. */
    public static SmallDisk mount(Path folder, String size) throws IOException, InterruptedException {
        SmallDisk disk = tryMount(folder, size);
        Assumptions.assumeTrue(disk.mounted(), "cannot mount a small tmpfs here (" + disk.refusal + "); a full disk needs one");
        return disk;
    }

    /** Mounts a tmpfs on {@code folder} where this machine allows it; {@link #refusal()} says why not. */
    public static SmallDisk tryMount(Path folder, String size) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        return new SmallDisk(folder, run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder.toString()));
    }

    public boolean mounted() {
        return refusal == null;
    }

    /** What mount said when it refused, or null. */
    public String refusal() {
        return refusal;
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
        if (!mounted()) {
            return;
        }
        String umountRefusal = run("umount", folder.toString());
        if (umountRefusal != null) {
            throw new IOException(umountRefusal);
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
