package io.ripple.it;

import io.ripple.HostConfiguration;
import io.ripple.Ripple;
import io.ripple.RippleHost;
import io.ripple.RippleStartException;
import java.nio.file.Path;

/**
 * A server embedding Ripple through its public API only, with a host that misbehaves on request, for tests: with
 * {@code [service] fail-start = yes} its start fails; with {@code [service] fall-over-after-millis = N} it is Ready for
 * N ms after a start, then no more; with {@code [service] never-ready = yes} it starts and hangs, never Ready; with
 * {@code [service] fail-start-if-exists = PATH} its start fails while that file exists; with the
 * system property {@code ripple.test.stopHangs=true} its {@code stop()} hangs until interrupted. It has no HTTP server:
 * load balancers reach it through Ripple's health endpoint. Usage: {@code TestHostMain CONF}.
 */
public final class TestHostMain {

    /** When true, the host's stop() hangs until it is interrupted (stop-timeout). */
    static final String STOP_HANGS_PROPERTY = "ripple.test.stopHangs";

    private TestHostMain() {
    }

    /** The misbehaving host. */
    static final class TestHost implements RippleHost {
        private volatile boolean started;
        private volatile long readyUntilMillis;
        private volatile boolean neverReady;

        @Override
        public java.util.Set<String> stanzas() {
            return java.util.Set.of("service");
        }

        @Override
        public void start(HostConfiguration configuration) {
            if (configuration.value("service", "fail-start").orElse("no").equals("yes")) {
                throw new IllegalStateException("fail-start is set: this host refuses to start");
            }
            java.util.Optional<String> blocker = configuration.value("service", "fail-start-if-exists");
            if (blocker.isPresent() && java.nio.file.Files.exists(Path.of(blocker.get()))) {
                throw new IllegalStateException(blocker.get() + " exists: this host refuses to start");
            }
            long fallOver = Long.parseLong(configuration.value("service", "fall-over-after-millis").orElse("0"));
            readyUntilMillis = fallOver > 0 ? System.currentTimeMillis() + fallOver : 0;
            neverReady = configuration.value("service", "never-ready").orElse("no").equals("yes");
            started = true;
        }

        @Override
        public void stop() {
            started = false;
            if (Boolean.getBoolean(STOP_HANGS_PROPERTY)) {
                try {
                    new java.util.concurrent.CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean isReady() {
            return started && !neverReady && (readyUntilMillis == 0 || System.currentTimeMillis() < readyUntilMillis);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Ripple ripple;
        try {
            ripple = Ripple.start(Path.of(args[0]), new TestHost());
        } catch (RippleStartException e) {
            System.err.println("test-host: " + e.getMessage());
            System.exit(e.isConfigurationError() ? 2 : 1);
            return;
        }
        ripple.awaitShutdown();
    }
}
