package io.ripple.bench;

/** The JVM's own start-up and heap, as the baseline for the node's: starts, reports its heap after a GC, exits. */
public final class Noop {

    private Noop() {
    }

    public static void main(String[] args) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.println("heap-used " + (rt.totalMemory() - rt.freeMemory()));
    }
}
