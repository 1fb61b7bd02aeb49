package io.ripple.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * Writes one benchmark's results into its own section of BENCHMARKS.md, between markers, leaving the other sections
 * as they are; each section names the date, the JVM, the machine and the command.
 */
public final class BenchReport {

    /**
     * BenchMain's arguments besides the benchmark's name and {@code --quick} (such as {@code --delay-ms 50}): a section
     * names the whole command that measured it, not only the benchmark.
     */
    static volatile String options = "";

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

    /** The date and time too: this machine's speed changes within a day, and a figure is read against its hour. */
    public static String header(String command) {
        return "Measured " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + " on " + machine() + "; JVM " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ".\nCommand: `" + command(command) + "`\n\n";
    }

    /**
     * {@code benchmark} with what else shaped the run: the {@code ripple.bench.*} properties (given through
     * {@code JAVA_TOOL_OPTIONS}, as bin/ripple-bench passes no other JVM options) and {@link #options}.
     */
    static String command(String benchmark) {
        String properties = System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("ripple.bench."))
                .sorted()
                .map(name -> "-D" + name + "=" + System.getProperty(name))
                .collect(Collectors.joining(" "));
        return (properties.isEmpty() ? "" : "JAVA_TOOL_OPTIONS=\"" + properties + "\" ") + benchmark
                + (options.isEmpty() ? "" : " " + options);
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
