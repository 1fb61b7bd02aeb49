package io.ripple.management;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The implementation of {@link SampleMXBean}; {@link #block()} waits for {@link #release()}. */
public class Sample implements SampleMXBean {

    private final CountDownLatch released = new CountDownLatch(1);
    final CountDownLatch blocking = new CountDownLatch(1);
    private volatile int level = 1;

    @Override
    public String getName() {
        return "sample";
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public int getLevel() {
        return level;
    }

    @Override
    public void setLevel(int level) {
        this.level = level;
    }

    @Override
    public int add(int left, int right) {
        return left + right;
    }

    @Override
    public String whoAmI() {
        return Caller.current().toString();
    }

    @Override
    public String block() {
        blocking.countDown();
        try {
            return released.await(30, TimeUnit.SECONDS) ? "released" : "timed out";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    void release() {
        released.countDown();
    }
}
