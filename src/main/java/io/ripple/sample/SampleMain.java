package io.ripple.sample;

import io.ripple.config.ConfigException;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.ManagementException;
import io.ripple.node.HostStartException;
import io.ripple.node.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code bin/ripple-node CONF}: a Ripple server hosting the sample server. Exit 2 for a configuration it cannot use. */
public final class SampleMain {

    /** Exit code when server.conf or an endpoint setting cannot be used. */
    public static final int EXIT_BAD_CONFIG = 2;
    /** Exit code when the hosted server failed to start. */
    public static final int EXIT_HOST_FAILED = 1;

    private SampleMain() {
    }

    public static void main(String[] args) {
        JolokiaEndpoint.enableNoDelay();
        if (args.length != 1) {
            System.err.println("Usage: ripple-node CONF (the server's server.conf)");
            System.exit(EXIT_BAD_CONFIG);
        }
        Node node;
        try {
            node = Node.start(Path.of(args[0]), new SampleServer());
        } catch (ConfigException | ManagementException e) {
            System.err.println("ripple-node: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        } catch (HostStartException | IOException e) {
            System.err.println("ripple-node: " + e.getMessage());
            System.exit(EXIT_HOST_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "ripple-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
