package io.ripple.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes one benchmark's results into its own section of BENCHMARKS.md, between markers, leaving the other sections
 * as they are; each section names the date, the JVM, the machine and the command.
 */
public final class BenchReport {

    private final Path file;

    public BenchReport(Path file) {
        this.file = file;
    }

    public static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap of the benchmark JVM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + ManagementFactory.getOperatingSystemMXBean().getName();
    }

    public static String header(String command) {
        return "Measured " + LocalDate.now() + " on " + machine() + "; JVM " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ".\nCommand: `" + command + "`\n\n";
    }

    public synchronized void write(String section, String markdown) throws IOException {
        String begin = "<!-- bench:" + section + " -->";
        String end = "<!-- /bench:" + section + " -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                : "# Benchmarks\n\nWritten by `bin/ripple-bench`; each section is replaced when its benchmark runs again.\n";
        String block = begin + "\n" + markdown.strip() + "\n" + end;
        int i = text.indexOf(begin);
        int j = text.indexOf(end);
        if (i >= 0 && j > i) {
            text = text.substring(0, i) + block + text.substring(j + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
