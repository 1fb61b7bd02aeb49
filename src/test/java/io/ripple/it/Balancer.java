package io.ripple.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A load balancer in front of the replicas' sample servers, run by the test as a child process with its own config
 * and pid file in a temporary folder (never the system's service): HAProxy with active health checks on
 * {@code /ready}, or nginx with passive checks and {@code proxy_next_upstream}. The configs are the ones
 * docs/LOAD-BALANCING.md shows.
 */
final class Balancer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/local/bin", "/usr/bin");

    final String kind;
    final int port;
    /** HAProxy's stats page (CSV), or -1 for nginx. */
    private final int statsPort;
    private final Path folder;
    private final Process process;

    private Balancer(String kind, int port, int statsPort, Path folder, Process process) {
        this.kind = kind;
        this.port = port;
        this.statsPort = statsPort;
        this.folder = folder;
        this.process = process;
    }

    /** An executable on PATH or in the usual sbin folders (root's PATH has them; others' may not). */
    static Optional<String> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SBIN);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    static String haproxyConfig(int port, int statsPort, Map<String, Integer> servers) {
        StringBuilder lines = new StringBuilder();
        servers.forEach((name, p) -> lines.append("    server ").append(name).append(" 127.0.0.1:").append(p).append(" check\n"));
        return """
                global
                    maxconn 1000

                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 5s
                    timeout check 1s
                    option http-server-close
                    # a request whose server refused, reset or answered 503 is tried again, on another server
                    retries 3
                    option redispatch 1
                    retry-on all-retryable-errors

                frontend web
                    bind 127.0.0.1:%d
                    default_backend replicas

                backend replicas
                    balance roundrobin
                    option httpchk GET /ready
                    http-check expect status 200
                    default-server inter 200ms fall 2 rise 2
                %s
                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(port, lines, statsPort);
    }

    static String nginxConfig(Path prefix, int port, Map<String, Integer> servers) {
        StringBuilder lines = new StringBuilder();
        servers.forEach((name, p) -> lines.append("        server 127.0.0.1:").append(p).append(" max_fails=1 fail_timeout=2s;\n"));
        return """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    upstream replicas {
                %2$s    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://replicas;
                            # a request whose server refused, failed or answered 503 (draining) goes to the next one
                            proxy_next_upstream error timeout http_503;
                            proxy_next_upstream_tries 3;
                            proxy_connect_timeout 1s;
                            proxy_read_timeout 5s;
                        }
                    }
                }
                """.formatted(prefix, lines, port);
    }

    static Balancer haproxy(String executable, Path folder, Map<String, Integer> servers) {
        int port = FreePorts.next();
        int statsPort = FreePorts.next();
        Path conf = write(folder, "haproxy.cfg", haproxyConfig(port, statsPort, servers));
        return launch("haproxy", port, statsPort, folder, List.of(executable, "-f", conf.toString(), "-db"));
    }

    static Balancer nginx(String executable, Path folder, Map<String, Integer> servers) {
        int port = FreePorts.next();
        try {
            Files.createDirectories(folder.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path conf = write(folder, "nginx.conf", nginxConfig(folder, port, servers));
        return launch("nginx", port, -1, folder, List.of(executable, "-p", folder.toString(), "-c", conf.toString(),
                "-e", folder.resolve("error.log").toString(), "-g", "daemon off;"));
    }

    private static Path write(Path folder, String name, String text) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Balancer launch(String kind, int port, int statsPort, Path folder, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve(kind + ".out").toFile()).start();
            return new Balancer(kind, port, statsPort, folder, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the balancer printed, for an assertion's message. */
    String output() {
        try {
            Path out = folder.resolve(kind + ".out");
            Path errors = folder.resolve("error.log");
            return Files.readString(out) + (Files.exists(errors) ? Files.readString(errors) : "");
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** One GET through the balancer: its status code, or -1 when it did not answer. */
    int get() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** HAProxy: how many servers of the backend its health checks show UP; nginx: -1 (passive checks only). */
    int serversUp() {
        if (statsPort < 0) {
            return -1;
        }
        try {
            String csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return (int) csv.lines().map(l -> l.split(","))
                    .filter(f -> f.length > 17 && f[0].equals("replicas") && f[1].startsWith("replica-") && f[17].startsWith("UP"))
                    .count();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Stops it (SIGTERM), then forcibly with every child process (nginx's worker) if it lingers. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
