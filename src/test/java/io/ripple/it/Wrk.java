package io.ripple.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wrk} load generator as a child process, at a steady rate: a few connections, each waiting
 * {@value #DELAY_MILLIS} ms (a Lua {@code delay()}) before its next request. {@link #finish()} ends it early with
 * SIGINT, after which wrk prints its summary as usual; {@link Result#parse} reads that summary.
 */
final class Wrk implements AutoCloseable {

    static final int CONNECTIONS = 4;
    static final int DELAY_MILLIS = 15;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** wrk's summary: requests, time, failures, rate and latency percentiles. */
    record Result(long requests, double seconds, long non2xx, long socketErrors, String socketDetail, double requestsPerSecond,
                  double p50Millis, double p99Millis) {

        long failures() {
            return non2xx + socketErrors;
        }

        private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)");
        private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
        private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
        private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
        private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);

        static Result parse(String summary) {
            Matcher requests = find(REQUESTS, summary);
            Matcher rate = find(RATE, summary);
            Matcher non2xx = NON_2XX.matcher(summary);
            Matcher socket = SOCKET.matcher(summary);
            long socketErrors = 0;
            String socketDetail = "none";
            if (socket.find()) {
                for (int i = 1; i <= 4; i++) {
                    socketErrors += Long.parseLong(socket.group(i));
                }
                socketDetail = socket.group().substring("Socket errors: ".length());
            }
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            Matcher p = PERCENTILE.matcher(summary);
            while (p.find()) {
                double millis = millis(Double.parseDouble(p.group(2)), p.group(3));
                if (p.group(1).equals("50")) {
                    p50 = millis;
                } else {
                    p99 = millis;
                }
            }
            return new Result(Long.parseLong(requests.group(1)), millis(Double.parseDouble(requests.group(2)), requests.group(3)) / 1000,
                    non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socketErrors, socketDetail,
                    Double.parseDouble(rate.group(1)), p50, p99);
        }

        private static Matcher find(Pattern pattern, String text) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("wrk's summary has no match for " + pattern + ":\n" + text);
            }
            return m;
        }

        private static double millis(double value, String unit) {
            return switch (unit) {
                case "us" -> value / 1000;
                case "ms" -> value;
                case "s" -> value * 1000;
                case "m" -> value * 60_000;
                default -> value * 3_600_000;
            };
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d requests in %.1f s, %.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx %d, socket errors %s",
                    requests, seconds, requestsPerSecond, p50Millis, p99Millis, non2xx, socketDetail);
        }
    }

    private final Process process;
    private final Path output;

    private Wrk(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts wrk against a URL for at most {@code duration}; returns at once. */
    static Wrk start(String executable, String url, Duration duration, Path folder) {
        try {
            Files.createDirectories(folder);
            Path script = folder.resolve("steady.lua");
            Files.writeString(script, "-- one request per connection every " + DELAY_MILLIS + " ms, plus its latency\n"
                    + "function delay()\n  return " + DELAY_MILLIS + "\nend\n", StandardCharsets.UTF_8);
            Path output = Files.createTempFile(folder, "wrk-", ".out");
            Process process = new ProcessBuilder(executable, "-t1", "-c" + CONNECTIONS, "-d" + duration.toSeconds() + "s",
                    "--timeout", REQUEST_TIMEOUT.toSeconds() + "s", "--latency", "-s", script.toString(), url)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new Wrk(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for wrk to end on its own and returns its summary. */
    Result await(Duration atMost) throws IOException, InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException("wrk did not end within " + atMost);
        }
        return result();
    }

    /** Ends wrk now with SIGINT, as Ctrl-C does: it stops sending and prints its summary of the time it ran. */
    Result finish() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder(List.of("kill", "-INT", Long.toString(process.pid()))).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
        return await(Duration.ofSeconds(REQUEST_TIMEOUT.toSeconds() + 10));
    }

    private Result result() throws IOException {
        String summary = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("wrk ended with exit code " + process.exitValue() + ":\n" + summary);
        }
        return Result.parse(summary);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
