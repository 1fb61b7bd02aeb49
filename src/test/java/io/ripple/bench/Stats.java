package io.ripple.bench;

import java.util.Arrays;

/** Median and 99th percentile of a set of measurements. */
record Stats(double median, double p99, int count) {

    static Stats of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new Stats(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
                sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)], n);
    }

    static Stats ofNanosAsMillis(long[] nanos) {
        return of(Arrays.stream(nanos).mapToDouble(v -> v / 1e6).toArray());
    }
}
