package io.ripple.bench;

import io.ripple.HostConfiguration;
import io.ripple.RippleHost;
import java.util.concurrent.locks.LockSupport;

/**
 * A hosted server for scale benchmarks: it takes {@link #restartMillis} to start, as a real server's restart would,
 * and serves nothing. Everything around it is the real node runtime.
 */
final class SimulatedHost implements RippleHost {

    /** How long a start takes; the benchmark sets it between runs. */
    static volatile long restartMillis;

    private volatile boolean running;

    @Override
    public void start(HostConfiguration configuration) {
        long until = System.nanoTime() + restartMillis * 1_000_000;
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isReady() {
        return running;
    }
}
